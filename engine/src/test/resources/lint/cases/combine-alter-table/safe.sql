ALTER TABLE orders ADD COLUMN note text, ADD COLUMN remark text;

-- md:test enable=require-table-schema
ALTER TABLE orders ADD COLUMN note text;

-- md:test enable=require-table-schema
ALTER TABLE sales.orders ADD COLUMN note text;

-- md:test enable=naming-convention
CREATE TABLE order_items (id bigint PRIMARY KEY, unit_price numeric(10,2), CONSTRAINT price_positive CHECK (unit_price > 0));
CREATE INDEX order_items_unit_price_idx ON order_items (unit_price);
ALTER TABLE order_items RENAME COLUMN unit_price TO price;

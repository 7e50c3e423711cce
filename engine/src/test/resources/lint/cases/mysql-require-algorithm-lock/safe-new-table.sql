-- md:test dialect=mysql server-version=8.0.35
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint) ENGINE=InnoDB;
ALTER TABLE orders ADD COLUMN note varchar(100);
CREATE INDEX idx_c ON orders (customer_id);

-- md:test dialect=mariadb server-version=10.11
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);
ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id);

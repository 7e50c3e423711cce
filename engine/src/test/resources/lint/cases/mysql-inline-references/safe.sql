-- md:test dialect=mysql server-version=8.0.35
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)) ENGINE=InnoDB;

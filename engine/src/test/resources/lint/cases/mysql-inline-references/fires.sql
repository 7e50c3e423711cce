-- md:test dialect=mysql server-version=8.0.35
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id)) ENGINE=InnoDB;

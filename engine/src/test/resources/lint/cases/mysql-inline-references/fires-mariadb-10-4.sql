-- md:test dialect=mariadb server-version=10.4
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));

-- md:test dialect=mariadb server-version=10.11
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);
ALTER TABLE orders ADD INDEX idx_c (customer_id), LOCK=SHARED;

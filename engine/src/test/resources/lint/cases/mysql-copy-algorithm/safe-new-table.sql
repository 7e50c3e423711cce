-- md:test dialect=mariadb server-version=10.11
CREATE TABLE orders (id bigint PRIMARY KEY, amount int) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
ALTER TABLE orders MODIFY COLUMN amount bigint;

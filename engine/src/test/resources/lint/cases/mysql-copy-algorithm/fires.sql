-- md:test dialect=mariadb server-version=10.11
ALTER TABLE orders MODIFY COLUMN amount bigint;

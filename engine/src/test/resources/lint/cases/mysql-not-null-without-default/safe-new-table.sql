-- md:test dialect=mariadb server-version=10.11
CREATE TABLE orders (id bigint PRIMARY KEY);
ALTER TABLE orders ADD COLUMN qty int NOT NULL;

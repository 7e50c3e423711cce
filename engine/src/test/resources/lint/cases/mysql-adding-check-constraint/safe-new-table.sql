-- md:test dialect=mariadb server-version=10.11
CREATE TABLE orders (id bigint PRIMARY KEY, qty int);
ALTER TABLE orders ADD CONSTRAINT chk_qty CHECK (qty >= 0);

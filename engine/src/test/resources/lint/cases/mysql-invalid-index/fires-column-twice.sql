-- md:test dialect=mariadb
CREATE INDEX orders_status_status ON orders (status, created_at, status);

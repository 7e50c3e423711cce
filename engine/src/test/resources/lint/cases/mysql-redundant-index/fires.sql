-- md:test dialect=mariadb
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL,
    created_at datetime NOT NULL,
    KEY orders_customer_created (customer_id, created_at)
);
-- md:changeset
CREATE INDEX orders_customer ON orders (customer_id);

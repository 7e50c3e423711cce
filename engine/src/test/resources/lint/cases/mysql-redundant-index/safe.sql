-- md:test dialect=mariadb
-- neither index leads with the other's columns
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL,
    created_at datetime NOT NULL,
    KEY orders_customer_created (customer_id, created_at),
    KEY orders_created (created_at)
);

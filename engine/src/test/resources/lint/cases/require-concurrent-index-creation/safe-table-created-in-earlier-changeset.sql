CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);
-- md:changeset
CREATE INDEX idx_orders_customer ON orders (customer_id);

CREATE TABLE audit (id bigint PRIMARY KEY);
-- md:changeset transactional=false
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_customer ON orders (customer_id);

-- md:test transactional=false
-- md:no-transaction
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_customer ON orders (customer_id);

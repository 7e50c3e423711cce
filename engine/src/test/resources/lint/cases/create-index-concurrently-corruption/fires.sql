-- md:test server-version=14.2 transactional=false
CREATE INDEX CONCURRENTLY idx_orders_customer ON orders (customer_id);

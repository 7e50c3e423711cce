-- md:test server-version=14.4 transactional=false
CREATE INDEX CONCURRENTLY idx_orders_customer ON orders (customer_id);

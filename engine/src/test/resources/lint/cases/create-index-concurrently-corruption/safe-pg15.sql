-- md:test transactional=false
CREATE INDEX CONCURRENTLY idx_orders_customer ON orders (customer_id);

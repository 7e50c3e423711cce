-- md:test transactional=false
CREATE INDEX CONCURRENTLY idx_orders_wide ON orders (customer_id, status, created_at, shop_id);

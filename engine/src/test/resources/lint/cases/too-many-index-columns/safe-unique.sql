-- md:test transactional=false
CREATE UNIQUE INDEX CONCURRENTLY idx_orders_natural_key ON orders (shop_id, customer_id, number, year);

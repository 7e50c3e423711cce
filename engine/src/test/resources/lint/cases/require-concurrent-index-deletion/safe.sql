-- md:test transactional=false
DROP INDEX CONCURRENTLY IF EXISTS idx_orders_customer;

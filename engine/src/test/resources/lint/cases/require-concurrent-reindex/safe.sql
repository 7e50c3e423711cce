-- md:test transactional=false
REINDEX INDEX CONCURRENTLY idx_orders_customer;

-- md:test server-version=14.3 transactional=false
REINDEX INDEX CONCURRENTLY idx_orders_customer;

REINDEX INDEX CONCURRENTLY idx_orders_customer;

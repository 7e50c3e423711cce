DROP INDEX CONCURRENTLY idx_orders_customer;

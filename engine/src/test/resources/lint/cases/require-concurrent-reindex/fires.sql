REINDEX INDEX idx_orders_customer;

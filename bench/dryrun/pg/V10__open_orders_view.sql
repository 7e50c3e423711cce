CREATE VIEW open_orders AS SELECT id, customer_id, amount FROM orders WHERE status = 'pending';

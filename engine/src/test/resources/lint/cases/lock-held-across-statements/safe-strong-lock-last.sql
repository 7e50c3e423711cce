UPDATE customers SET customer_status = 'active' WHERE id BETWEEN 1 AND 10000;
ALTER TABLE customers ALTER COLUMN customer_status SET DEFAULT 'active';

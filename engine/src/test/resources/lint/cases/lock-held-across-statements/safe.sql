ALTER TABLE customers ADD COLUMN customer_status text;
-- md:changeset
UPDATE customers SET customer_status = 'active' WHERE id BETWEEN 1 AND 10000 AND customer_status IS NULL;

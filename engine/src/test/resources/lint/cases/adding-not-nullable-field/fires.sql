ALTER TABLE customers ADD COLUMN customer_status text;
UPDATE customers SET customer_status = 'active';
ALTER TABLE customers ALTER COLUMN customer_status SET NOT NULL;

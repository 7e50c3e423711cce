ALTER TABLE customers ADD COLUMN customer_status text;
UPDATE customers SET customer_status = 'active';

-- The same release written the naive way: every statement here is what lint exists to catch.
ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'pending';
ALTER TABLE customers ADD COLUMN customer_status text NOT NULL DEFAULT 'active';
ALTER TABLE customers ADD COLUMN first_name text, ADD COLUMN last_name text;
UPDATE customers SET first_name = split_part(full_name, ' ', 1), last_name = split_part(full_name, ' ', 2);
ALTER TABLE customers DROP COLUMN full_name;
CREATE INDEX idx_orders_customer_id ON orders (customer_id);
ALTER TABLE orders ALTER COLUMN amount TYPE numeric(14, 2);

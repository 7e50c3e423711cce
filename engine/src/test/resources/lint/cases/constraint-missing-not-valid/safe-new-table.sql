CREATE TABLE orders (id bigint PRIMARY KEY, amount numeric NOT NULL);
ALTER TABLE orders ADD CONSTRAINT orders_amount_positive CHECK (amount > 0);

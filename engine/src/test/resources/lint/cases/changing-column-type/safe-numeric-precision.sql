ALTER TABLE orders ADD COLUMN amount numeric(10,2);
-- md:changeset
ALTER TABLE orders ALTER COLUMN amount TYPE numeric(14,2);

ALTER TABLE orders ADD COLUMN note varchar(200);
-- md:changeset
ALTER TABLE orders ALTER COLUMN note TYPE varchar(50);

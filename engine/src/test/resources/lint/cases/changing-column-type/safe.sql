ALTER TABLE orders ADD COLUMN note varchar(50);
-- md:changeset
ALTER TABLE orders ALTER COLUMN note TYPE varchar(100);
-- md:changeset
ALTER TABLE orders ALTER COLUMN note TYPE text;

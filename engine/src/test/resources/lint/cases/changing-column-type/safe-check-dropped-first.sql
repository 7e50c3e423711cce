ALTER TABLE orders ADD COLUMN note varchar(50);
ALTER TABLE orders ADD CONSTRAINT note_not_blank CHECK (length(note) > 0) NOT VALID;
-- md:changeset
ALTER TABLE orders ADD CONSTRAINT other_check CHECK (id > 0) NOT VALID;
-- md:changeset
ALTER TABLE orders DROP CONSTRAINT note_not_blank;
ALTER TABLE orders ALTER COLUMN note TYPE varchar(100);

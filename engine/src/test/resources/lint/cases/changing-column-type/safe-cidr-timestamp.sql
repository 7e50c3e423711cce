ALTER TABLE hosts ADD COLUMN net cidr, ADD COLUMN seen timestamp(0);
-- md:changeset
ALTER TABLE hosts ALTER COLUMN net TYPE inet, ALTER COLUMN seen TYPE timestamp(3);

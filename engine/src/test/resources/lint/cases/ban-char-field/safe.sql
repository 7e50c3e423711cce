ALTER TABLE countries ADD COLUMN code text;

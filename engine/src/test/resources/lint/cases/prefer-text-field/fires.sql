ALTER TABLE users ADD COLUMN nickname varchar(40);

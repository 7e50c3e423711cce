ALTER TABLE users ADD COLUMN nickname text;
CREATE TABLE drafts (id bigint PRIMARY KEY);

-- only new types are judged: an existing varchar(40) column is not reported when touched
ALTER TABLE users ALTER COLUMN nickname SET DEFAULT '';

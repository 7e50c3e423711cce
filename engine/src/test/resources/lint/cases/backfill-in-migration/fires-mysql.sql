-- md:test dialect=mysql server-version=8.0
ALTER TABLE users ADD COLUMN active tinyint;
UPDATE users SET active = 1 WHERE active IS NULL;

-- md:test dialect=mysql server-version=8.0
ALTER TABLE users RENAME COLUMN full_name TO display_name;

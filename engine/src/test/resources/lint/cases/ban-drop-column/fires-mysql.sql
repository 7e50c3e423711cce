-- md:test dialect=mysql server-version=8.0
ALTER TABLE users DROP COLUMN full_name;

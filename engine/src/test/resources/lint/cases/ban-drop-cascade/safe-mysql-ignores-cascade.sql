-- md:test dialect=mysql server-version=8.0
DROP TABLE orders CASCADE;

-- md:test dialect=mysql server-version=8.0.35
DROP INDEX idx_c ON orders;

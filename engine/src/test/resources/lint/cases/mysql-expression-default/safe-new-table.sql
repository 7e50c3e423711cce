-- md:test dialect=mysql server-version=8.0.35
CREATE TABLE orders (id bigint PRIMARY KEY);
ALTER TABLE orders ADD COLUMN token char(36) DEFAULT (uuid());

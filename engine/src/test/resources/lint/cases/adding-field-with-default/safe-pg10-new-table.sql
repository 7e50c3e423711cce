-- md:test server-version=10
CREATE TABLE orders (id bigint PRIMARY KEY);
ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();

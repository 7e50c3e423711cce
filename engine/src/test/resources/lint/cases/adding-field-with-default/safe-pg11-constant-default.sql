-- md:test server-version=11
ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'pending';

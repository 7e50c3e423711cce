-- md:test dialect=mysql server-version=8.0.35
SET SESSION lock_wait_timeout = 5;
CREATE INDEX idx_c ON orders (customer_id);

-- md:test dialect=mysql server-version=8.0.35
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders CONVERT TO CHARACTER SET utf8mb4;

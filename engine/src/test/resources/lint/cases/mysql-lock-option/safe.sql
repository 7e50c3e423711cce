-- md:test dialect=mariadb server-version=10.11
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD INDEX idx_c (customer_id), ALGORITHM=INPLACE, LOCK=NONE;

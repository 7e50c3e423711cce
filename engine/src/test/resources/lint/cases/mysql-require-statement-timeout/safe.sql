-- md:test dialect=mariadb server-version=10.11
SET SESSION lock_wait_timeout = 5;
SET SESSION max_statement_time = 1800;
ALTER TABLE orders ADD INDEX idx_c (customer_id), ALGORITHM=INPLACE, LOCK=NONE;

-- md:test dialect=mariadb table-rows=orders:12000000
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD INDEX orders_created (created_at), ALGORITHM=INPLACE, LOCK=NONE;

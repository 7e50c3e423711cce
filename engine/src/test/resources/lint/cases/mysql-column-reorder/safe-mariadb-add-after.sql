-- md:test dialect=mariadb server-version=10.11
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN note varchar(100) AFTER id, ALGORITHM=INSTANT, LOCK=NONE;

-- md:test dialect=mariadb server-version=10.11
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN code varchar(20), ALGORITHM=INSTANT, LOCK=NONE;
-- md:changeset
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders MODIFY COLUMN code varchar(40), ALGORITHM=INSTANT, LOCK=NONE;

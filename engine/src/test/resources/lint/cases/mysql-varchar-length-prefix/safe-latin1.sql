-- md:test dialect=mariadb server-version=10.11
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN name varchar(50) CHARACTER SET latin1, ALGORITHM=INSTANT, LOCK=NONE;
-- md:changeset
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders MODIFY COLUMN name varchar(200) CHARACTER SET latin1, ALGORITHM=INSTANT, LOCK=NONE;

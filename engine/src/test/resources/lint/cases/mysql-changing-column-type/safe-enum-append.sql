-- md:test dialect=mariadb server-version=10.11
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN status enum('new','paid'), ALGORITHM=INSTANT, LOCK=NONE;
-- md:changeset
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders MODIFY COLUMN status enum('new','paid','shipped'), ALGORITHM=INSTANT, LOCK=NONE;

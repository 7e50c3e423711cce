-- md:test dialect=mysql server-version=8.0.35
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN code varchar(20), ALGORITHM=INSTANT;
-- md:changeset
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders MODIFY COLUMN code varchar(60), ALGORITHM=INPLACE, LOCK=NONE;

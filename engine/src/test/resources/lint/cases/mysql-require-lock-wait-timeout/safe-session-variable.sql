-- md:test dialect=mysql server-version=8.0.35
SET @@session.lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN note varchar(100), ALGORITHM=INSTANT;

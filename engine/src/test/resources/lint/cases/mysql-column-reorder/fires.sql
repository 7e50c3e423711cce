-- md:test dialect=mysql server-version=8.0.35
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders MODIFY COLUMN note varchar(100) AFTER id, ALGORITHM=INPLACE, LOCK=NONE;

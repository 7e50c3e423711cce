-- md:test dialect=mysql server-version=8.0.20
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN note varchar(100) FIRST, ALGORITHM=INPLACE, LOCK=NONE;

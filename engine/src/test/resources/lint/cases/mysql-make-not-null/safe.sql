-- md:test dialect=mysql server-version=8.0.35
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders MODIFY COLUMN status varchar(20) NULL, ALGORITHM=INPLACE, LOCK=NONE;

-- md:test dialect=mariadb server-version=10.11
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN qty int NOT NULL, ALGORITHM=INSTANT, LOCK=NONE;

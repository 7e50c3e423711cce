-- md:test dialect=mariadb server-version=10.11
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN name varchar(80) CHARSET utf8mb3, ALGORITHM=INSTANT, LOCK=NONE;
-- md:changeset
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders MODIFY COLUMN name varchar(90) CHARSET utf8mb3;

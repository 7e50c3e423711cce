-- md:test dialect=mariadb
ALTER TABLE orders ADD INDEX orders_created (created_at), ALGORITHM=INPLACE, LOCK=NONE;

-- md:test dialect=mysql server-version=8.0
ALTER TABLE orders ADD INDEX orders_customer (customer_id), ALGORITHM=INPLACE, LOCK=NONE;
-- md:changeset
ALTER TABLE orders ADD INDEX orders_customer_created (customer_id, created_at), ALGORITHM=INPLACE, LOCK=NONE;

-- md:test dialect=mariadb
ALTER TABLE orders ADD INDEX orders_customer (customer_id);
-- md:changeset
ALTER TABLE orders DROP INDEX orders_customer, ADD INDEX orders_customer_created (customer_id, created_at);

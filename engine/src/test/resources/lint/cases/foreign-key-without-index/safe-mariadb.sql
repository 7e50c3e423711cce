-- md:test dialect=mariadb
-- InnoDB indexes the referencing columns of a foreign key by itself
ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);

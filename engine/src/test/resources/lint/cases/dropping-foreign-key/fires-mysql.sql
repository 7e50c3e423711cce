-- md:test dialect=mysql server-version=8.0
ALTER TABLE orders DROP FOREIGN KEY fk_orders_customer;

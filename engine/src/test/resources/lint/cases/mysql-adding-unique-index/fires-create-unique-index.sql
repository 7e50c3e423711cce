-- md:test dialect=mysql server-version=8.0
CREATE UNIQUE INDEX orders_reference_uq ON orders (shop_id, reference);

-- md:test dialect=mysql server-version=8.0 table-rows=shop.orders:2500000 large-table-rows=2000000
CREATE INDEX orders_created ON shop.orders (created_at);

-- md:test dialect=mysql server-version=8.0.35
CREATE VIEW open_orders AS SELECT id FROM orders WHERE status = 'open';

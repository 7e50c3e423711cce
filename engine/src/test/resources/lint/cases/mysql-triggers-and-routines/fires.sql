-- md:test dialect=mysql server-version=8.0.35
CREATE TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW SET NEW.created_at = NOW();

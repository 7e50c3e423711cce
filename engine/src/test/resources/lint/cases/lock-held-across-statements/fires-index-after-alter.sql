ALTER TABLE orders RENAME COLUMN note TO remark;
CREATE INDEX idx_orders_customer ON orders (customer_id);

CREATE TABLE invoices (id bigint PRIMARY KEY, order_id bigint NOT NULL);
ALTER TABLE invoices ADD CONSTRAINT invoices_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id);

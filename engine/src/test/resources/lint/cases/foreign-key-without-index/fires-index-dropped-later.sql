CREATE TABLE order_lines (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id));
CREATE INDEX order_lines_order_id_idx ON order_lines (order_id);
-- md:changeset
DROP INDEX CONCURRENTLY order_lines_order_id_idx;

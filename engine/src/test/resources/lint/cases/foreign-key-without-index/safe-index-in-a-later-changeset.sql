CREATE TABLE order_lines (
    id bigint PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id),
    amount numeric NOT NULL
);
-- md:changeset
CREATE INDEX order_lines_order_id_idx ON order_lines (order_id, amount);

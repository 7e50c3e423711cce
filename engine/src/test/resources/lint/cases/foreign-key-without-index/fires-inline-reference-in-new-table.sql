CREATE TABLE order_lines (
    id bigint PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id),
    amount numeric NOT NULL
);

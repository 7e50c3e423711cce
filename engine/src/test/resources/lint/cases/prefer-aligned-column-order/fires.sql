-- md:test enable=prefer-aligned-column-order
CREATE TABLE orders (
    active boolean NOT NULL,
    id bigint PRIMARY KEY,
    note text,
    paid boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);

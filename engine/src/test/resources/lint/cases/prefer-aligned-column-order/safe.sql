-- md:test enable=prefer-aligned-column-order
CREATE TABLE orders (
    id bigint PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    qty integer NOT NULL,
    active boolean NOT NULL,
    note text
);
-- md:changeset
CREATE TABLE sessions (active boolean, token uuid, id bigint);

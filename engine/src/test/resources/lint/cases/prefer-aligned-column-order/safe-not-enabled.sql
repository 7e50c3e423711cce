CREATE TABLE orders (active boolean NOT NULL, id bigint PRIMARY KEY, flag boolean, created_at timestamptz);

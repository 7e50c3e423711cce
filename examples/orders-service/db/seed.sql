-- A production-like starting point for `check --seed`: the schema of changes/baseline.xml (release
-- 1.x, already in production) with 100,000 customers and 1,000,000 orders, so the dry-run of
-- release-2.0.xml measures locks and rewrites on tables of a realistic size. PostgreSQL; about
-- 3 seconds on a laptop.
CREATE TABLE customers (
    id         bigserial PRIMARY KEY,
    full_name  text,
    email      text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orders (
    id          bigserial PRIMARY KEY,
    customer_id bigint NOT NULL CONSTRAINT orders_customer_id_fkey REFERENCES customers (id),
    amount      numeric(12, 2) NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO customers (full_name, email, created_at)
SELECT 'Customer ' || g || ' Example', 'customer' || g || '@example.com', now() - (g % 1000) * interval '1 day'
FROM generate_series(1, 100000) AS g;

INSERT INTO orders (customer_id, amount, created_at)
SELECT 1 + (g::bigint * 7919) % 100000, ((g::bigint * 37) % 100000) / 100.0, now() - (g % 1000) * interval '1 hour'
FROM generate_series(1, 1000000) AS g;

ANALYZE customers;
ANALYZE orders;

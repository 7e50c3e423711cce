-- md:test enable=prefer-lookup-table-over-enum
CREATE TYPE money_pair AS (amount numeric, currency text);
CREATE TABLE order_statuses (value text PRIMARY KEY);

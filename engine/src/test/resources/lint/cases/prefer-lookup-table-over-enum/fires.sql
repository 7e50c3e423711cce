-- md:test enable=prefer-lookup-table-over-enum
CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped');

-- md:test dialect=mariadb
-- a unique key leading a longer index still enforces uniqueness
CREATE TABLE orders (id bigint PRIMARY KEY, reference varchar(40) NOT NULL, status varchar(20) NOT NULL,
    UNIQUE KEY orders_reference_uq (reference), KEY orders_reference_status (reference, status));

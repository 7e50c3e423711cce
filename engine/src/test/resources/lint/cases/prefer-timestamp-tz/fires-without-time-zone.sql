CREATE TABLE events (id bigint PRIMARY KEY, at timestamp(3) without time zone);

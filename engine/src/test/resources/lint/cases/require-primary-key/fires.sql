CREATE TABLE events (payload jsonb);

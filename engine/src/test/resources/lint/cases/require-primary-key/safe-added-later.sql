CREATE TABLE events (id bigint NOT NULL, payload jsonb);
ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY (id);

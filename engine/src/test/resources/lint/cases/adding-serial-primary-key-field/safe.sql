-- md:test transactional=false
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS events_pkey ON events (id);
-- md:changeset
ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_pkey;

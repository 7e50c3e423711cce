ALTER TABLE events ADD COLUMN seq bigserial;

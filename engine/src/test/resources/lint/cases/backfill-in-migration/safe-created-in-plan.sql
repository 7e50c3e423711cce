CREATE TABLE drafts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text, status text NOT NULL);
-- md:changeset
ALTER TABLE drafts ADD COLUMN body text;
UPDATE drafts SET body = note;

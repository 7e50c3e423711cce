CREATE TABLE drafts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text, status text NOT NULL);
-- md:changeset
UPDATE drafts SET note = '';

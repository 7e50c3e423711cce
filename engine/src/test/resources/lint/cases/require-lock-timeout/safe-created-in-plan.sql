CREATE TABLE drafts (id bigint PRIMARY KEY, note text);
CREATE INDEX drafts_note_idx ON drafts (note);
ALTER TABLE drafts ADD COLUMN body text;

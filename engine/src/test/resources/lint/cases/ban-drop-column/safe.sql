-- the table was created earlier in the plan: nothing in production to lose
CREATE TABLE drafts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text, status text NOT NULL);
-- md:changeset
ALTER TABLE drafts DROP COLUMN note;

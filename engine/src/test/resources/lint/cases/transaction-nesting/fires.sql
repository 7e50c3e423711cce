-- the tool already wraps this changeset in a transaction
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;

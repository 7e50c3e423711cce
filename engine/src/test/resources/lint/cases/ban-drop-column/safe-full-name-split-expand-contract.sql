-- md:test dialect=postgresql server-version=15 transactional=true
-- Release 2.3, expand: new nullable columns, written by the app alongside full_name.
SET LOCAL lock_timeout = '1s';
SET LOCAL statement_timeout = '5s';
ALTER TABLE users ADD COLUMN IF NOT EXISTS first_name text;
ALTER TABLE users ADD COLUMN IF NOT EXISTS last_name text;
-- md:changeset transactional=false comment=backfill, one short transaction per batch
UPDATE users SET first_name = split_part(full_name, ' ', 1), last_name = split_part(full_name, ' ', 2)
 WHERE id BETWEEN 1 AND 10000 AND first_name IS NULL;
-- md:changeset comment=release 2.4, contract: 2.3 stopped reading full_name
SET LOCAL lock_timeout = '1s';
SET LOCAL statement_timeout = '5s';
-- md:allow ban-drop-column contract step after release 2.3 stopped reading full_name
ALTER TABLE users DROP COLUMN full_name;

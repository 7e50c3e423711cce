-- md:test transactional=false
BEGIN;
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;

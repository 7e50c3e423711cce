-- md:test transactional=false
ALTER TABLE users ADD COLUMN nickname text;

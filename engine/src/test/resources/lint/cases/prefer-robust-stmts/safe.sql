-- md:test transactional=false
SET lock_timeout = '1s';
ALTER TABLE users ADD COLUMN IF NOT EXISTS nickname text;
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_nickname_length;
ALTER TABLE users ADD CONSTRAINT users_nickname_length CHECK (length(nickname) <= 40) NOT VALID;

SET LOCAL lock_timeout = '1s';
ALTER TABLE users ADD COLUMN nickname text;

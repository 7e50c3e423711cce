-- md:test transactional=false
SET lock_timeout = '1s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);

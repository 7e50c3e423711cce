-- md:test transactional=false
CREATE INDEX CONCURRENTLY users_email_idx ON users (email);

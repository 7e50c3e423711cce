-- md:test dialect=mysql server-version=8.0.35
SET SESSION lock_wait_timeout = 5;
ALTER TABLE articles ADD FULLTEXT INDEX ft_body (body);

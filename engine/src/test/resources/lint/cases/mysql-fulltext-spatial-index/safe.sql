-- md:test dialect=mysql server-version=8.0.35
CREATE TABLE articles (id bigint PRIMARY KEY, body text) ENGINE=InnoDB;
ALTER TABLE articles ADD FULLTEXT INDEX ft_body (body);

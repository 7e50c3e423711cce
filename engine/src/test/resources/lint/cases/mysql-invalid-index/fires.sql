-- md:test dialect=mysql server-version=8.0
CREATE TABLE articles (id bigint PRIMARY KEY, title varchar(200) NOT NULL, body text NOT NULL);
CREATE INDEX articles_body ON articles (body);

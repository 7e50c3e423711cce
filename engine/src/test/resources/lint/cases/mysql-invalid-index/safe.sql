-- md:test dialect=mysql server-version=8.0
CREATE TABLE articles (id bigint PRIMARY KEY, title varchar(200) NOT NULL, body text NOT NULL, FULLTEXT KEY articles_ft (body));
CREATE INDEX articles_body ON articles (body(100));
CREATE INDEX articles_title ON articles (title);

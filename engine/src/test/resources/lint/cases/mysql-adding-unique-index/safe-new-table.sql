-- md:test dialect=mysql server-version=8.0
CREATE TABLE customers (id bigint PRIMARY KEY, email varchar(200) NOT NULL);
CREATE UNIQUE INDEX customers_email_uq ON customers (email);

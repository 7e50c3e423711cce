-- md:test dialect=mariadb
CREATE TABLE customers (id bigint PRIMARY KEY, email varchar(200) NOT NULL UNIQUE, KEY customers_email (email));

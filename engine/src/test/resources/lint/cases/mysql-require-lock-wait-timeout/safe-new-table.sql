-- md:test dialect=mysql server-version=8.0.35
CREATE TABLE orders (id bigint PRIMARY KEY) ENGINE=InnoDB;
ALTER TABLE orders ADD COLUMN note varchar(100);

-- md:test dialect=mysql server-version=8.0.35
CREATE TABLE orders (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;
ALTER TABLE orders ADD COLUMN seq bigint NOT NULL AUTO_INCREMENT, ADD UNIQUE KEY uq_seq (seq);

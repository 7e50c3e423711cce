-- md:test dialect=mysql server-version=8.0.35
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN seq bigint NOT NULL AUTO_INCREMENT, ADD UNIQUE KEY uq_seq (seq);

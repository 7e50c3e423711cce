-- md:test dialect=mysql server-version=8.0.35
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD COLUMN total decimal(12,2) GENERATED ALWAYS AS (qty * price) VIRTUAL, ALGORITHM=INSTANT;

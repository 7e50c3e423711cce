-- md:test transactional=false
ALTER TABLE customers ADD CONSTRAINT customers_customer_status_not_null CHECK (customer_status IS NOT NULL) NOT VALID;
ALTER TABLE customers VALIDATE CONSTRAINT customers_customer_status_not_null;
ALTER TABLE customers ALTER COLUMN customer_status SET NOT NULL;
ALTER TABLE customers DROP CONSTRAINT customers_customer_status_not_null;

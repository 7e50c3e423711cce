-- md:test dialect=mariadb
ALTER TABLE customers ADD UNIQUE INDEX customers_email_uq (email), ALGORITHM=INPLACE, LOCK=NONE;

-- md:test dialect=mariadb
-- a plain index cannot fail on duplicates
ALTER TABLE customers ADD INDEX customers_email_idx (email), ALGORITHM=INPLACE, LOCK=NONE;

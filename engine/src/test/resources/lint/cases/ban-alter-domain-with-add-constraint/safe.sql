ALTER DOMAIN positive_amount DROP CONSTRAINT positive_amount_check;

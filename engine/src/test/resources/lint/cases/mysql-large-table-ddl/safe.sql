-- md:test dialect=mariadb table-rows=orders:12000000
-- INSTANT: only the data dictionary changes, whatever the size
ALTER TABLE orders ADD COLUMN note varchar(200) NULL, ALGORITHM=INSTANT;
ALTER TABLE orders DROP INDEX orders_legacy, ALGORITHM=INPLACE, LOCK=NONE;

-- md:test dialect=mysql server-version=8.0
RENAME TABLE orders TO purchase_orders;

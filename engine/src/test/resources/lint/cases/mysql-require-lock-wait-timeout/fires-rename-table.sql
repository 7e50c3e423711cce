-- md:test dialect=mysql server-version=8.0.35
RENAME TABLE orders TO orders_old;

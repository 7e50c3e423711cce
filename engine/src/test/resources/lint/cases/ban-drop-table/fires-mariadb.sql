-- md:test dialect=mariadb server-version=10.11
DROP TABLE IF EXISTS legacy_orders;

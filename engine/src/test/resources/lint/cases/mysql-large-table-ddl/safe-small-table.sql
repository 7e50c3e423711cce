-- md:test dialect=mariadb table-rows=orders:12000000,countries:250
ALTER TABLE countries ADD INDEX countries_name (name), ALGORITHM=INPLACE, LOCK=NONE;

-- md:test dialect=mysql server-version=8.0
UPDATE users SET active = 1;

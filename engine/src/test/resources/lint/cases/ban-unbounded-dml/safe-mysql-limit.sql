-- md:test dialect=mysql server-version=8.0
DELETE FROM sessions ORDER BY id LIMIT 10000;

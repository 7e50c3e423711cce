-- md:test dialect=mysql server-version=8.0
TRUNCATE TABLE audit_log;

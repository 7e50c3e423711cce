-- md:test dialect=mariadb server-version=10.11
SET SESSION lock_wait_timeout = 5;
ALTER TABLE audit_log ENGINE=Aria;

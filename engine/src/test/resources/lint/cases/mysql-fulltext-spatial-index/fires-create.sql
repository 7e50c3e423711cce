-- md:test dialect=mariadb server-version=10.11
SET SESSION lock_wait_timeout = 5;
CREATE SPATIAL INDEX sp_loc ON shops (location);

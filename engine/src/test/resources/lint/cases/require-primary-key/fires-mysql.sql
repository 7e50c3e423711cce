-- md:test dialect=mysql server-version=8.0
CREATE TABLE events (payload json) ENGINE=InnoDB;

-- md:test dialect=mariadb
ALTER TABLE audit_log ADD PRIMARY KEY (id);

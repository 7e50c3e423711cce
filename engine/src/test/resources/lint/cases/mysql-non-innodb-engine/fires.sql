-- md:test dialect=mysql server-version=8.0.35
CREATE TABLE audit_log (id bigint PRIMARY KEY, msg text) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;

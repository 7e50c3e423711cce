TRUNCATE audit_log;

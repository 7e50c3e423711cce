CREATE TABLE users_full_name_backup AS SELECT id, full_name FROM users;

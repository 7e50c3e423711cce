-- md:test dialect=mariadb
ALTER TABLE articles ADD COLUMN summary mediumtext NULL, ADD INDEX articles_summary (summary);

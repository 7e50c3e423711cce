-- md:test dialect=mysql server-version=8.0
CREATE USER 'etl'@'%' IDENTIFIED BY 'secret';

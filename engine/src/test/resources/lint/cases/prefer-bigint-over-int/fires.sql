CREATE TABLE invoices (id integer PRIMARY KEY, total numeric);

CREATE TABLE invoices (id bigserial PRIMARY KEY);

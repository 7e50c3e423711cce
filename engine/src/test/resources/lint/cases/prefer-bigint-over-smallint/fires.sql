ALTER TABLE invoices ADD COLUMN priority smallint;

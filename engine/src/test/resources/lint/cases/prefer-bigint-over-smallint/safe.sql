ALTER TABLE invoices ADD COLUMN priority bigint;

ALTER TABLE invoices ADD COLUMN seq serial;

ALTER TABLE account DROP COLUMN status;

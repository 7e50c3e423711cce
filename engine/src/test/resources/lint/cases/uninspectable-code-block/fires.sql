DO $$
BEGIN
  EXECUTE 'ALTER TABLE orders ADD CONSTRAINT total_positive CHECK (total > 0)';
END $$;

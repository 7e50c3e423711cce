ALTER TABLE orders ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
-- md:changeset
ALTER TABLE orders ADD COLUMN created_on date DEFAULT CURRENT_DATE;
-- md:changeset
ALTER TABLE orders ADD COLUMN meta jsonb NOT NULL DEFAULT '{}'::jsonb;

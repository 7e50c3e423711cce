ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
COMMENT ON COLUMN orders.shipped_at IS 'when the parcel left';

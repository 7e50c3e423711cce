-- park the table instead of dropping it
ALTER TABLE legacy_orders RENAME TO legacy_orders_deprecated_20250101;

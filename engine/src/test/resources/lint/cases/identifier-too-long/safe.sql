CREATE TABLE billing_cycle_adjustments (id bigint PRIMARY KEY);

-- md:test dialect=mysql server-version=8.0.35
SET SESSION lock_wait_timeout = 5;
ALTER TABLE `shop`.`orders` ADD KEY `idx_c` (`customer_id`);

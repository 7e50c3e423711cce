CREATE TABLE "OrderItems" (id bigint PRIMARY KEY);

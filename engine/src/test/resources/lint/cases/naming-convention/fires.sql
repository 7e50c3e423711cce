-- md:test enable=naming-convention
CREATE TABLE "OrderItems" (id bigint PRIMARY KEY, "unitPrice" numeric(10,2));

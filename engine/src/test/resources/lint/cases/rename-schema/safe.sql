ALTER SCHEMA billing OWNER TO billing_owner;

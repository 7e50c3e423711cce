-- Index built online, cannot run in a transaction.
-- md:no-transaction
CREATE INDEX CONCURRENTLY account_status_idx ON account (status);

--liquibase formatted sql

--changeset ann:f1 runInTransaction:false
--comment: md:allow require-concurrent-index-creation small table
CREATE INDEX CONCURRENTLY f1_idx ON account (id);
--rollback DROP INDEX f1_idx;

--changeset ann:f2 splitStatements:false
DO $$
BEGIN
  UPDATE account SET a = 1;
END $$;

--changeset bob:f3 context:dev labels:l1
UPDATE account SET b = 2;
-- md:allow rule-y reason
UPDATE account SET c = 3;

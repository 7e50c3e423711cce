-- batched delete, after a backup, in a data-only changeset
DELETE FROM audit_log WHERE id BETWEEN 1 AND 10000;

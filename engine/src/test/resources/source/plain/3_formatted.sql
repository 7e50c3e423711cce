--liquibase formatted sql

--changeset dba:3
SELECT 3;

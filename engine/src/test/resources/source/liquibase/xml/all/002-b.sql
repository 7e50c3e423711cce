--liquibase formatted sql

--changeset cy:all-b
CREATE TABLE b (id int);
--rollback DROP TABLE b;

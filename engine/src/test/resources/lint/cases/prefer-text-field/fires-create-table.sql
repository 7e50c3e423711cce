CREATE TABLE tags (id bigint PRIMARY KEY, label character varying(30));

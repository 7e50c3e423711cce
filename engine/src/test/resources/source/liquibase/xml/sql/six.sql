-- the sixth change
CREATE TABLE six (id int);

INSERT INTO six VALUES (1);

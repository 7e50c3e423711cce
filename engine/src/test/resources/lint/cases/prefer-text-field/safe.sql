ALTER TABLE users ADD COLUMN nickname text;
ALTER TABLE users ADD CONSTRAINT users_nickname_length CHECK (length(nickname) <= 40) NOT VALID;

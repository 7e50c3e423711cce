-- adds the status
ALTER TABLE account ADD COLUMN status text;
UPDATE account
   SET status = 'new';

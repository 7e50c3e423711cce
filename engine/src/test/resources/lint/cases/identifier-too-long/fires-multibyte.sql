-- 63 characters but 68 bytes in UTF-8: PostgreSQL counts bytes
ALTER TABLE users ADD COLUMN "größe_der_lieferadresse_für_die_rechnungsstellung_des_kunden_äö" text;

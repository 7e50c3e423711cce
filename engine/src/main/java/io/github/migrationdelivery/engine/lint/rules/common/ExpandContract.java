package io.github.migrationdelivery.engine.lint.rules.common;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape.Dml;
import io.github.migrationdelivery.engine.sql.TypeRef;

import java.util.Optional;

/**
 * The safe rewrites for changes that break the running release or destroy data, written with the
 * statement's real names: expand (add the new shape), backfill (in batches, outside the DDL
 * migration), switch (the next release uses only the new shape), contract (remove the old shape
 * one release later, after capturing its data).
 */
public final class ExpandContract {

    /** The key the batch and backup SQL uses; the fix text says to replace it when the key differs. */
    static final String KEY = "id";

    private ExpandContract() {
    }

    public static String dropColumn(Dialect d, QualifiedName table, String column) {
        String t = StatementText.name(table, d);
        String c = StatementText.name(column, d);
        String where = t + "." + c;
        String backup = StatementText.name(StatementText.derived(table, table.name() + "_" + column, "_backup"), d);
        return "-- Expand/contract instead of dropping " + where + " while a release still uses it:\n"
                + "-- 1. expand:   add what replaces it (nullable columns) and let the app write both.\n"
                + "-- 2. backfill: copy existing rows in batches outside the DDL migration (migration-delivery backfill).\n"
                + "-- 3. switch:   release N stops reading and writing " + where
                + " (e.g. Rails ignored_columns, remove the JPA field);\n"
                + "--              if it is NOT NULL, drop NOT NULL (or give it a default) so release N can insert.\n"
                + "-- 4. contract: in release N+1, capture the data, then drop it (" + KEY
                + " stands for the primary key):\n"
                + "CREATE TABLE " + backup + " AS SELECT " + KEY + ", " + c + " FROM " + t + ";\n"
                + "ALTER TABLE " + t + " DROP COLUMN " + c + ";\n"
                + "-- and record why it is safe now, above the statement: -- md:allow ban-drop-column <reason>";
    }

    public static String dropTable(Dialect d, QualifiedName table) {
        String t = StatementText.name(table, d);
        String parked = StatementText.name(StatementText.derived(table, table.name(), "_deprecated_yyyymmdd"), d);
        String rename = d.isMysqlFamily()
                ? "RENAME TABLE " + t + " TO " + parked + ";"
                : "ALTER TABLE " + t + " RENAME TO " + parked + ";";
        String dump = d.isMysqlFamily()
                ? "mysqldump --single-transaction <database> " + parked
                : "pg_dump --format=custom --table=" + parked + " <database>";
        return "-- 1. release N stops using " + t + "; then park it instead of dropping it\n"
                + "--    (a client that still uses it fails loudly, and renaming back is instant):\n"
                + rename + "\n"
                + "-- 2. back it up: " + dump + " (or migration-delivery backup)\n"
                + "-- 3. in a later release, after a quiet period:\n"
                + "DROP TABLE " + parked + ";";
    }

    public static String renameColumn(Dialect d, QualifiedName table, String from, String to, Optional<TypeRef> type) {
        String t = StatementText.name(table, d);
        String f = StatementText.name(from, d);
        String n = StatementText.name(to, d);
        String typeText = type.map(TypeRef::text).orElse("<type of " + from + ">");
        String sync = d.isMysqlFamily()
                ? "--    keep them in sync while both releases run (triggers BEFORE INSERT/UPDATE setting NEW." + n
                        + " = NEW." + f + " and the reverse, or write both in the app)\n"
                : "--    keep them in sync while both releases run (a BEFORE INSERT OR UPDATE trigger setting NEW." + n
                        + " from NEW." + f + " and the reverse, or write both in the app)\n";
        return "-- Keep the old name in the database (map it in the ORM), or expand/contract:\n"
                + "-- 1. expand:\n"
                + "ALTER TABLE " + t + " ADD COLUMN " + n + " " + typeText + ";\n"
                + sync
                + "-- 2. backfill in batches outside the DDL migration:\n"
                + "UPDATE " + t + " SET " + n + " = " + f + " WHERE " + KEY + " BETWEEN :from AND :to AND " + n
                + " IS NULL;\n"
                + "-- 3. switch: the next release reads and writes only " + n + ".\n"
                + "-- 4. contract, one release later: drop the trigger, then\n"
                + "ALTER TABLE " + t + " DROP COLUMN " + f + ";";
    }

    /** {@code to} is the new name as written (MySQL may qualify it with a database). */
    public static String renameTable(Dialect d, QualifiedName table, String to) {
        String t = StatementText.name(table, d);
        String bare = to.substring(to.lastIndexOf('.') + 1);
        String target = to.contains(".") ? to : StatementText.name(new QualifiedName(table.schema(), bare), d);
        String steps = d.isMysqlFamily()
                ? "RENAME TABLE " + t + " TO " + target + ";\n"
                        + "CREATE VIEW " + t + " AS SELECT * FROM " + target + ";\n"
                : "BEGIN;\n"
                        + "ALTER TABLE " + t + " RENAME TO " + StatementText.name(bare, d) + ";\n"
                        + "CREATE VIEW " + t + " AS SELECT * FROM " + target + ";\n"
                        + "COMMIT;\n";
        return "-- Rename and leave a view under the old name, so the running release keeps working\n"
                + "-- (a view over one table is updatable: its INSERT/UPDATE/DELETE still work):\n"
                + steps
                + "-- once no release uses the old name:\n"
                + "DROP VIEW " + t + ";";
    }

    /** Keyset batches for an UPDATE/DELETE, keeping the statement's own SET and WHERE. */
    public static String batches(Dialect d, Dml.Kind kind, QualifiedName table, String setClause, String where) {
        String t = StatementText.name(table, d);
        String range = KEY + " BETWEEN :from AND :from + 9999";
        String condition = where.isEmpty() ? range : range + " AND (" + where + ")";
        String head = kind == Dml.Kind.DELETE ? "DELETE FROM " + t : "UPDATE " + t + " SET " + setClause;
        String pause = d.isMysqlFamily()
                ? "pausing while replica lag (Seconds_Behind_Source) is high."
                : "pausing while replica lag (pg_stat_replication.replay_lag) is high.";
        return "-- Run it as a separate backfill (migration-delivery backfill), outside the DDL migration,\n"
                + "-- one short transaction per batch of keys (" + KEY + " stands for the primary key):\n"
                + head + " WHERE " + condition + ";\n"
                + "-- repeat with :from = min(" + KEY + "), min + 10000, ... up to max(" + KEY + "), " + pause;
    }
}

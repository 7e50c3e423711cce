package io.github.migrationdelivery.engine.drift;

import java.util.Objects;

/**
 * One row of a migration tool's history table as the target holds it.
 *
 * @param tool     which table it came from
 * @param id       Liquibase ID, or Flyway's version (empty for a repeatable script)
 * @param author   Liquibase AUTHOR; empty for Flyway
 * @param file     Liquibase FILENAME, or Flyway's script name
 * @param description Flyway's description (repeatable scripts are known by it); empty for Liquibase
 * @param checksum the stored MD5SUM ("9:...") or Flyway checksum (a decimal int); empty when NULL
 * @param order    ORDEREXECUTED, or Flyway's installed_rank: the order the changesets were applied in
 * @param type     Liquibase EXECTYPE (EXECUTED, MARK_RAN, RERAN, ...) or Flyway's type (SQL, JDBC, BASELINE, ...)
 * @param success  false for a Flyway row that records a failed migration; always true for Liquibase
 */
public record AppliedChangeset(Tool tool, String id, String author, String file, String description, String checksum,
                               long order, String type, boolean success) {

    /** The history table a row came from. */
    public enum Tool {
        LIQUIBASE("DATABASECHANGELOG"), FLYWAY("flyway_schema_history");

        private final String table;

        Tool(String table) {
            this.table = table;
        }

        public String table() {
            return table;
        }
    }

    public AppliedChangeset {
        Objects.requireNonNull(tool, "tool");
        id = id == null ? "" : id;
        author = author == null ? "" : author;
        file = file == null ? "" : file;
        description = description == null ? "" : description;
        checksum = checksum == null ? "" : checksum;
        type = type == null ? "" : type;
    }

    /** As users know it: "id::author" for Liquibase, the version (or the script, for a repeatable) for Flyway. */
    public String displayName() {
        if (tool == Tool.LIQUIBASE) {
            return id + "::" + author;
        }
        return id.isEmpty() ? file : id;
    }

    /** A Flyway row that stands for no script of the project: a baseline, the schema creation, a deleted entry. */
    boolean bookkeeping() {
        return tool == Tool.FLYWAY && !(type.equals("SQL") || type.equals("JDBC") || type.equals("SCRIPT")
                || type.startsWith("SQL_") || type.startsWith("JDBC_"));
    }
}

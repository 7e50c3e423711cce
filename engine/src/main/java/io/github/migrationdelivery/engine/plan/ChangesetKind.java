package io.github.migrationdelivery.engine.plan;

/** Where a changeset came from; decides how it is applied and how its transaction mode was set. */
public enum ChangesetKind {
    /** A Liquibase changeSet (XML, YAML, JSON or formatted SQL). */
    LIQUIBASE,
    /** A Flyway versioned script {@code V<version>__<description>.sql}. */
    VERSIONED_SQL,
    /** A Flyway repeatable script {@code R__<description>.sql}: re-applied when its checksum changes. */
    REPEATABLE_SQL,
    /** A plain {@code .sql} file, applied in file-name order. */
    PLAIN_SQL
}

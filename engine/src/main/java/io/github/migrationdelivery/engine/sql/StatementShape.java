package io.github.migrationdelivery.engine.sql;

import java.util.List;

/**
 * What a statement is, as far as migration safety is concerned, recognised from its tokens
 * without a full parse. {@link Unrecognized} is the honest answer when the recogniser does not
 * know the statement's head.
 */
public sealed interface StatementShape {

    /** The tables whose existing rows or definition the statement affects, for lock checks and probes. */
    default List<QualifiedName> tables() {
        return List.of();
    }

    record CreateTable(QualifiedName table, boolean ifNotExists, boolean temporary, boolean asSelect,
                       boolean partitionOf, List<ColumnDef> columns, List<ConstraintDef> constraints,
                       String engine) implements StatementShape {
        public CreateTable {
            columns = List.copyOf(columns);
            constraints = List.copyOf(constraints);
            engine = engine == null ? "" : engine;
        }
    }

    /** CREATE INDEX; {@code method} is MySQL FULLTEXT/SPATIAL or PostgreSQL USING method, else empty. */
    record CreateIndex(String name, QualifiedName table, boolean unique, boolean concurrently, boolean ifNotExists,
                       List<String> columns, String method, String algorithm, String lock) implements StatementShape {
        public CreateIndex {
            name = name == null ? "" : name;
            columns = List.copyOf(columns);
            method = method == null ? "" : method;
            algorithm = algorithm == null ? "" : algorithm;
            lock = lock == null ? "" : lock;
        }

        @Override
        public List<QualifiedName> tables() {
            return List.of(table);
        }
    }

    /** DROP INDEX; {@code table} is set for MySQL's {@code DROP INDEX i ON t}. */
    record DropIndex(List<QualifiedName> names, QualifiedName table, boolean concurrently, boolean ifExists,
                     boolean cascade) implements StatementShape {
        public DropIndex {
            names = List.copyOf(names);
        }

        @Override
        public List<QualifiedName> tables() {
            return table == null ? List.of() : List.of(table);
        }
    }

    /** ALTER TABLE, and MySQL RENAME TABLE (as a RENAME_TABLE action). Algorithm/lock are MySQL's clauses, else empty. */
    record AlterTable(QualifiedName table, boolean ifExists, boolean only, List<AlterAction> actions,
                      String algorithm, String lock) implements StatementShape {
        public AlterTable {
            actions = List.copyOf(actions);
            algorithm = algorithm == null ? "" : algorithm;
            lock = lock == null ? "" : lock;
        }

        @Override
        public List<QualifiedName> tables() {
            return List.of(table);
        }
    }

    /** DROP TABLE/VIEW/SCHEMA/DATABASE/TYPE/FUNCTION/...; {@code objectType} upper-case ("TABLE", "MATERIALIZED VIEW"). */
    record Drop(String objectType, List<QualifiedName> names, boolean ifExists, boolean cascade) implements StatementShape {
        public Drop {
            names = List.copyOf(names);
        }

        @Override
        public List<QualifiedName> tables() {
            return "TABLE".equals(objectType) ? names : List.of();
        }
    }

    record Truncate(List<QualifiedName> tablesTruncated, boolean cascade) implements StatementShape {
        public Truncate {
            tablesTruncated = List.copyOf(tablesTruncated);
        }

        @Override
        public List<QualifiedName> tables() {
            return tablesTruncated;
        }
    }

    /** REINDEX {INDEX|TABLE|SCHEMA|DATABASE|SYSTEM} [CONCURRENTLY] name. */
    record Reindex(String objectType, QualifiedName name, boolean concurrently) implements StatementShape {
    }

    /** ALTER TYPE name ADD VALUE / RENAME VALUE / other. */
    record AlterType(QualifiedName type, Action action, boolean positioned, boolean ifNotExists) implements StatementShape {
        public enum Action { ADD_VALUE, RENAME_VALUE, OTHER }
    }

    /** CREATE TYPE; {@code enumType} for AS ENUM. */
    record CreateType(QualifiedName type, boolean enumType) implements StatementShape {
    }

    /** CREATE DOMAIN ({@code create}) or ALTER DOMAIN; {@code addsConstraint} for a CHECK or ADD CONSTRAINT. */
    record Domain(QualifiedName domain, boolean create, boolean addsConstraint) implements StatementShape {
    }

    /** SET [SESSION|LOCAL] name = value, and MySQL SET @@session.name = value. Name folded. */
    record SetVariable(String name, String value, boolean local) implements StatementShape {
    }

    record Transaction(Kind kind) implements StatementShape {
        public enum Kind { BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE }
    }

    /** UPDATE/DELETE/INSERT/MERGE/SELECT/COPY; {@code assignedColumns} are UPDATE's SET targets in order. */
    record Dml(Kind kind, QualifiedName table, boolean hasWhere, List<String> assignedColumns) implements StatementShape {
        public enum Kind { SELECT, INSERT, UPDATE, DELETE, MERGE, COPY, CALL }

        public Dml {
            assignedColumns = List.copyOf(assignedColumns);
        }

        @Override
        public List<QualifiedName> tables() {
            return table == null ? List.of() : List.of(table);
        }
    }

    /** VACUUM [FULL], CLUSTER, ANALYZE, REFRESH MATERIALIZED VIEW [CONCURRENTLY], OPTIMIZE TABLE. */
    record Maintenance(String command, QualifiedName target, boolean full, boolean concurrently) implements StatementShape {
    }

    /** DO blocks and other procedural code the linter cannot look into. */
    record CodeBlock(String language) implements StatementShape {
    }

    /**
     * CREATE/ALTER/COMMENT of objects that hold no table data and take no lock on existing tables
     * worth reporting: functions, procedures, views, sequences, extensions, schemas, triggers,
     * COMMENT ON, ALTER SCHEMA/INDEX/SEQUENCE/VIEW.
     */
    record OtherDdl(String verb, String objectType, QualifiedName name, boolean rename) implements StatementShape {
    }

    /** GRANT, REVOKE, CREATE/ALTER/DROP ROLE or USER, ALTER DEFAULT PRIVILEGES. */
    record Privilege(String verb) implements StatementShape {
    }

    /** The recogniser does not know this statement; the linter asks the full parser next. */
    record Unrecognized(String head) implements StatementShape {
    }
}

package io.github.migrationdelivery.engine.sql;

import java.util.List;

/**
 * One action of an ALTER TABLE. Which fields are set depends on the kind: {@code column} for
 * column actions, {@code definition} for ADD COLUMN and MySQL MODIFY/CHANGE, {@code type} for
 * ALTER COLUMN TYPE, {@code constraint} for ADD CONSTRAINT (and MySQL ADD INDEX/KEY),
 * {@code name} for the constraint/index/partition named by VALIDATE, DROP, DETACH and the new
 * name of a RENAME.
 */
public record AlterAction(
        Kind kind,
        String column,
        ColumnDef definition,
        TypeRef type,
        ConstraintDef constraint,
        String name,
        boolean ifExists,
        boolean concurrently,
        boolean cascade,
        List<Token> tokens) {

    public enum Kind {
        ADD_COLUMN, DROP_COLUMN, ALTER_COLUMN_TYPE, SET_DEFAULT, DROP_DEFAULT, SET_NOT_NULL, DROP_NOT_NULL,
        /** MySQL MODIFY [COLUMN] and CHANGE [COLUMN] (which may also rename). */
        MODIFY_COLUMN,
        ADD_CONSTRAINT, VALIDATE_CONSTRAINT, DROP_CONSTRAINT,
        /** MySQL ADD [UNIQUE|FULLTEXT|SPATIAL] INDEX/KEY; the constraint holds type and columns. */
        ADD_INDEX, DROP_INDEX, DROP_PRIMARY_KEY, DROP_FOREIGN_KEY,
        RENAME_COLUMN, RENAME_TABLE, RENAME_CONSTRAINT, RENAME_INDEX,
        SET_SCHEMA, SET_TABLESPACE, ATTACH_PARTITION, DETACH_PARTITION,
        SET_STATISTICS, SET_STORAGE_PARAMETERS, SET_LOGGED, CLUSTER_ON, TRIGGER, OWNER, REPLICA_IDENTITY,
        ROW_SECURITY, INHERIT,
        /** MySQL table options: ENGINE=, CONVERT TO CHARACTER SET, ROW_FORMAT=, FORCE. */
        TABLE_OPTION, CONVERT_CHARSET, FORCE,
        /** MySQL ALGORITHM= and LOCK= clauses; {@code name} holds the value. */
        ALGORITHM, LOCK,
        OTHER
    }

    public AlterAction {
        tokens = List.copyOf(tokens);
        column = column == null ? "" : column;
        name = name == null ? "" : name;
    }
}

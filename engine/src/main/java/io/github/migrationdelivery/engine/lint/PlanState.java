package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.TypeRef;

import java.util.List;
import java.util.Optional;

/**
 * What the linter knows about the plan before the current statement. This is what makes rules
 * context-aware: a table created earlier in the plan is not "existing", a validated
 * {@code CHECK (c IS NOT NULL)} makes a later SET NOT NULL cheap, timeouts set earlier count.
 */
public interface PlanState {

    /** True when the table was created earlier in this plan (so it holds no production rows yet). */
    boolean createdInPlan(QualifiedName table);

    /** The column's type when the plan defined it (CREATE TABLE, ADD COLUMN, ALTER TYPE earlier). */
    Optional<TypeRef> columnType(QualifiedName table, String column);

    /**
     * The indexes the plan gave the table before this statement and did not drop: primary keys,
     * unique constraints and indexes, CREATE INDEX, MySQL's KEY and ADD INDEX (as
     * {@link ConstraintDef}s; plain indexes have type {@link ConstraintDef.Type#INDEX}). For a
     * table that existed before the plan these are only the ones the plan added: the linter works
     * offline and does not know the indexes the table already had.
     */
    List<ConstraintDef> indexes(QualifiedName table);

    /**
     * The CHECK constraints the plan gave the table before this statement and did not drop: those
     * declared on the column ({@code price numeric CHECK (...)}, name empty when unnamed) and the
     * table-level ones whose expression names it. The checks of tables older than the plan are not known.
     */
    List<ConstraintDef> checks(QualifiedName table, String column);

    /** True when a validated {@code CHECK (column IS NOT NULL)} exists on the column from earlier in the plan. */
    boolean hasValidatedNotNullCheck(QualifiedName table, String column);

    /** True when {@code lock_timeout} (PostgreSQL) or {@code lock_wait_timeout} (MySQL) was set earlier in this changeset. */
    boolean lockTimeoutSet();

    /** True when {@code statement_timeout} (PostgreSQL) or {@code max_statement_time}/{@code max_execution_time} was set earlier in this changeset. */
    boolean statementTimeoutSet();

    /** True when the statement runs inside a transaction: the changeset's own, or an explicit BEGIN. */
    boolean inTransaction();

    /** Depth of explicit BEGIN ... COMMIT blocks open in this changeset. */
    int explicitTransactionDepth();

    /** True when an earlier statement of the same transaction took AccessExclusiveLock on this table. */
    boolean accessExclusiveHeld(QualifiedName table);

    /** True when constraint {@code name} on {@code table} was added NOT VALID earlier in the same transaction. */
    boolean addedNotValidInTransaction(QualifiedName table, String name);

    /** How many earlier ALTER TABLE statements on this table ran in the same transaction. */
    int alterTableCountInTransaction(QualifiedName table);

    /** Index of the statement in its changeset, from 0. */
    int statementIndex();
}

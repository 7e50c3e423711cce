package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.lock.PgLockMode;
import io.github.migrationdelivery.engine.lock.PostgresLocks;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;
import io.github.migrationdelivery.engine.sql.TypeRef;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Follows one changeset statement by statement so rules can ask what came before: the
 * changeset's own state (timeouts, explicit transactions, locks held in the transaction) it
 * tracks itself; what earlier changesets did it asks the {@link PlanHistory} as of the current
 * statement's ordinal. So changesets can be linted independently, in any order, on any thread.
 */
final class ChangesetTracker implements PlanState {

    private final Dialect dialect;
    private final PlanHistory history;
    /** The current statement's position in the whole plan, from 0. */
    private int ordinal;

    // Changeset scope
    private final boolean changesetTransactional;
    private boolean lockTimeout;
    private boolean statementTimeout;
    private int explicitDepth;
    private int statementIndex;

    // Transaction scope
    private final Set<String> accessExclusive = new HashSet<>();
    private final Set<PlanHistory.Member> notValidInTransaction = new HashSet<>();
    private final Map<String, Integer> alterCounts = new HashMap<>();

    /** @param firstOrdinal the plan ordinal of the changeset's first statement */
    ChangesetTracker(Dialect dialect, PlanHistory history, Changeset changeset, int firstOrdinal) {
        this(dialect, history, changeset.transactional(), firstOrdinal);
    }

    private ChangesetTracker(Dialect dialect, PlanHistory history, boolean transactional, int firstOrdinal) {
        this.dialect = dialect;
        this.history = history;
        this.changesetTransactional = transactional;
        this.ordinal = firstOrdinal;
    }

    /** The state after the plan's last statement ({@code statements} in all), outside any transaction. */
    static ChangesetTracker afterPlan(Dialect dialect, PlanHistory history, int statements) {
        return new ChangesetTracker(dialect, history, false, statements);
    }

    /** Records what the statement changed in the changeset; called after the rules looked at it. */
    void after(StatementShape shape) {
        if (shape instanceof StatementShape.CreateTable ct) {
            ct.constraints().forEach(c -> constraintAdded(ct.table().name(), c));
        } else if (shape instanceof StatementShape.AlterTable at) {
            altered(at);
        } else if (shape instanceof StatementShape.SetVariable sv) {
            setting(sv);
        } else if (shape instanceof StatementShape.Transaction tx) {
            transaction(tx);
        }
        if (inTransaction() && !dialect.isMysqlFamily()
                && PostgresLocks.of(shape).filter(m -> m == PgLockMode.ACCESS_EXCLUSIVE).isPresent()) {
            shape.tables().forEach(t -> accessExclusive.add(t.name()));
        }
        if (!inTransaction()) {
            endTransaction();
        }
        statementIndex++;
        ordinal++;
    }

    private void altered(StatementShape.AlterTable at) {
        String table = at.table().name();
        if (inTransaction()) {
            alterCounts.merge(table, 1, Integer::sum);
        }
        for (AlterAction a : at.actions()) {
            if (a.kind() == AlterAction.Kind.ADD_CONSTRAINT) {
                constraintAdded(table, a.constraint());
            }
        }
    }

    private void constraintAdded(String table, ConstraintDef c) {
        if (c != null && c.notValid() && inTransaction()) {
            notValidInTransaction.add(PlanHistory.key(table, c.name()));
        }
    }

    private void setting(StatementShape.SetVariable sv) {
        boolean disabled = sv.value().isBlank() || "0".equals(sv.value().trim()) || "default".equalsIgnoreCase(sv.value().trim());
        switch (sv.name()) {
            case "lock_timeout":
            case "lock_wait_timeout":
                lockTimeout = !disabled;
                break;
            case "statement_timeout":
            case "max_statement_time":
            case "max_execution_time":
                statementTimeout = !disabled;
                break;
            default:
                break;
        }
    }

    private void transaction(StatementShape.Transaction tx) {
        switch (tx.kind()) {
            case BEGIN:
                explicitDepth++;
                break;
            case COMMIT:
            case ROLLBACK:
                explicitDepth = Math.max(0, explicitDepth - 1);
                endTransaction();
                break;
            default:
                break;
        }
    }

    private void endTransaction() {
        accessExclusive.clear();
        notValidInTransaction.clear();
        alterCounts.clear();
    }

    @Override
    public boolean createdInPlan(QualifiedName table) {
        return history.createdInPlan(table.name(), ordinal);
    }

    @Override
    public Optional<TypeRef> columnType(QualifiedName table, String column) {
        return Optional.ofNullable(history.columnType(table.name(), column, ordinal));
    }

    @Override
    public List<ConstraintDef> indexes(QualifiedName table) {
        return history.indexes(table.name(), ordinal);
    }

    @Override
    public List<ConstraintDef> checks(QualifiedName table, String column) {
        return history.checks(table.name(), column, ordinal);
    }

    @Override
    public boolean hasValidatedNotNullCheck(QualifiedName table, String column) {
        return history.hasValidatedNotNullCheck(table.name(), column, ordinal);
    }

    @Override
    public boolean lockTimeoutSet() {
        return lockTimeout;
    }

    @Override
    public boolean statementTimeoutSet() {
        return statementTimeout;
    }

    @Override
    public boolean inTransaction() {
        return changesetTransactional || explicitDepth > 0;
    }

    @Override
    public int explicitTransactionDepth() {
        return explicitDepth;
    }

    @Override
    public boolean accessExclusiveHeld(QualifiedName table) {
        return accessExclusive.contains(table.name());
    }

    @Override
    public boolean addedNotValidInTransaction(QualifiedName table, String name) {
        return notValidInTransaction.contains(PlanHistory.key(table.name(), name));
    }

    @Override
    public int alterTableCountInTransaction(QualifiedName table) {
        return alterCounts.getOrDefault(table.name(), 0);
    }

    @Override
    public int statementIndex() {
        return statementIndex;
    }
}

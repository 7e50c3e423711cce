package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.lock.PgLockMode;
import io.github.migrationdelivery.engine.lock.PostgresLocks;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ColumnDef;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;
import io.github.migrationdelivery.engine.sql.TypeRef;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Follows the plan statement by statement so rules can ask what came before. One instance per
 * lint run; tables are keyed by name without schema, as most migrations do not qualify names.
 */
final class PlanTracker implements PlanState {

    private final Dialect dialect;
    private final Set<String> createdTables = new HashSet<>();
    private final Map<String, TypeRef> columnTypes = new HashMap<>();
    private final Set<String> validatedNotNullChecks = new HashSet<>();
    /** Constraint key (table/name) to the column a pending NOT VALID "IS NOT NULL" check covers. */
    private final Map<String, String> pendingNotNullChecks = new HashMap<>();

    // Changeset scope
    private boolean changesetTransactional;
    private boolean lockTimeout;
    private boolean statementTimeout;
    private int explicitDepth;
    private int statementIndex;

    // Transaction scope
    private final Set<String> accessExclusive = new HashSet<>();
    private final Set<String> notValidInTransaction = new HashSet<>();
    private final Map<String, Integer> alterCounts = new HashMap<>();

    PlanTracker(Dialect dialect) {
        this.dialect = dialect;
    }

    void startChangeset(Changeset changeset) {
        changesetTransactional = changeset.transactional();
        lockTimeout = false;
        statementTimeout = false;
        explicitDepth = 0;
        statementIndex = 0;
        endTransaction();
    }

    /** Records what the statement changed; called after the rules looked at it. */
    void after(StatementShape shape) {
        if (shape instanceof StatementShape.CreateTable ct) {
            created(ct);
        } else if (shape instanceof StatementShape.AlterTable at) {
            altered(at);
        } else if (shape instanceof StatementShape.Drop d && "TABLE".equals(d.objectType())) {
            d.names().forEach(n -> createdTables.remove(n.name()));
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
    }

    private void created(StatementShape.CreateTable ct) {
        String table = ct.table().name();
        createdTables.add(table);
        for (ColumnDef col : ct.columns()) {
            if (col.type() != null) {
                columnTypes.put(key(table, col.name()), col.type());
            }
        }
        for (ConstraintDef c : ct.constraints()) {
            constraintAdded(table, c);
        }
    }

    private void altered(StatementShape.AlterTable at) {
        String table = at.table().name();
        if (inTransaction()) {
            alterCounts.merge(table, 1, Integer::sum);
        }
        for (AlterAction a : at.actions()) {
            switch (a.kind()) {
                case ADD_COLUMN:
                case MODIFY_COLUMN:
                    if (a.definition() != null && a.definition().type() != null) {
                        columnTypes.remove(key(table, a.column()));
                        columnTypes.put(key(table, a.definition().name()), a.definition().type());
                    }
                    break;
                case ALTER_COLUMN_TYPE:
                    if (a.type() != null) {
                        columnTypes.put(key(table, a.column()), a.type());
                    }
                    break;
                case ADD_CONSTRAINT:
                    constraintAdded(table, a.constraint());
                    break;
                case VALIDATE_CONSTRAINT:
                    String column = pendingNotNullChecks.remove(key(table, a.name()));
                    if (column != null) {
                        validatedNotNullChecks.add(key(table, column));
                    }
                    break;
                case RENAME_TABLE:
                    if (createdTables.remove(table)) {
                        createdTables.add(a.name().substring(a.name().lastIndexOf('.') + 1));
                    }
                    break;
                default:
                    break;
            }
        }
    }

    private void constraintAdded(String table, ConstraintDef c) {
        if (c == null) {
            return;
        }
        if (c.notValid() && inTransaction()) {
            notValidInTransaction.add(key(table, c.name()));
        }
        if (c.type() == ConstraintDef.Type.CHECK && c.expression().size() == 4 && c.expression().get(0).isIdentifier()) {
            String column = c.expression().get(0).identifier();
            if (c.isNotNullCheckOn(column)) {
                if (c.notValid()) {
                    pendingNotNullChecks.put(key(table, c.name()), column);
                } else {
                    validatedNotNullChecks.add(key(table, column));
                }
            }
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

    private static String key(String table, String name) {
        return table + "/" + name;
    }

    @Override
    public boolean createdInPlan(QualifiedName table) {
        return createdTables.contains(table.name());
    }

    @Override
    public Optional<TypeRef> columnType(QualifiedName table, String column) {
        return Optional.ofNullable(columnTypes.get(key(table.name(), column)));
    }

    @Override
    public boolean hasValidatedNotNullCheck(QualifiedName table, String column) {
        return validatedNotNullChecks.contains(key(table.name(), column));
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
        return notValidInTransaction.contains(key(table.name(), name));
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

package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.lock.PgLockMode;
import io.github.migrationdelivery.engine.lock.PostgresLocks;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;

/**
 * PG-TX-03: work on a table after an earlier statement of the same transaction took
 * AccessExclusiveLock on it. The lock is held until COMMIT, so a statement that would on its own
 * let reads (and often writes) through now keeps the table closed for as long as it runs. Only
 * statements whose run time grows with the table are reported, and only those whose own lock is
 * weaker: a statement that takes AccessExclusiveLock itself is judged by its own rule.
 */
public final class LockHeldAcrossStatements implements Rule {

    private static final RuleInfo INFO = new RuleInfo("lock-held-across-statements", Severity.WARNING,
            Set.of(Dialect.POSTGRESQL), "long-running statement while an AccessExclusiveLock from an earlier statement is held", false, RuleCategory.LOCKING);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (PostgresLocks.of(ctx.shape()).filter(m -> m == PgLockMode.ACCESS_EXCLUSIVE).isPresent()) {
            return;
        }
        String work = longRunning(ctx);
        if (work == null) {
            return;
        }
        for (QualifiedName table : ctx.shape().tables()) {
            if (!ctx.state().accessExclusiveHeld(table) || ctx.state().createdInPlan(table)) {
                continue;
            }
            LockImpact held = PgLockMode.ACCESS_EXCLUSIVE.impact();
            String t = SafeRewrites.name(table);
            ctx.report(held, false, "An earlier statement of this transaction took " + held.lockMode() + " on " + t
                            + ", and PostgreSQL holds it until COMMIT: while this " + work + " runs, every read and"
                            + " write of " + t + " waits.",
                    "-- put the statement that takes " + held.lockMode() + " last in the transaction, or in "
                            + "a changeset of its own;\n-- run this " + work + " in a separate changeset"
                            + (ctx.shape() instanceof StatementShape.Dml
                                    ? " (a backfill: in batches, each its own short transaction)"
                                    : " so the exclusive lock is released before it starts"));
            return;
        }
    }

    /** What the statement does that takes time proportional to the table, or null when it is quick. */
    private static String longRunning(StatementContext ctx) {
        StatementShape shape = ctx.shape();
        if (shape instanceof StatementShape.Dml dml) {
            return dml.kind().name();
        }
        if (shape instanceof StatementShape.CreateIndex) {
            return "index build";
        }
        if (shape instanceof StatementShape.Maintenance m) {
            return m.command();
        }
        if (shape instanceof StatementShape.AlterTable alter) {
            for (AlterAction a : alter.actions()) {
                // VALIDATE of a constraint added NOT VALID in this transaction is validate-constraint-in-same-transaction's.
                if (a.kind() == AlterAction.Kind.VALIDATE_CONSTRAINT
                        && !ctx.state().addedNotValidInTransaction(alter.table(), a.name())) {
                    return "VALIDATE CONSTRAINT (it reads the whole table)";
                }
                ConstraintDef c = a.constraint();
                if (a.kind() == AlterAction.Kind.ADD_CONSTRAINT && c != null
                        && c.type() == ConstraintDef.Type.FOREIGN_KEY && !c.notValid()) {
                    return "foreign key validation";
                }
            }
        }
        return null;
    }
}

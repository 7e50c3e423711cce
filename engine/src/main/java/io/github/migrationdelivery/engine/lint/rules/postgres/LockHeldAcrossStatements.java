package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.lock.PgLockMode;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ColumnDef;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;

/**
 * PG-TX-03: work on a table after an earlier statement of the same transaction took
 * AccessExclusiveLock on it. The lock is held until COMMIT, so the table is closed to reads and
 * writes for as long as the later statement runs. Only statements whose run time grows with the
 * table are reported; catalog-only changes add next to nothing.
 */
public final class LockHeldAcrossStatements implements Rule {

    private static final RuleInfo INFO = new RuleInfo("lock-held-across-statements", Severity.WARNING,
            Set.of(Dialect.POSTGRESQL), "long-running statement while an AccessExclusiveLock from an earlier statement is held", false);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        String work = longRunning(ctx.shape());
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
                            + " (a backfill: in batches, each its own short transaction)");
            return;
        }
    }

    /** What the statement does that takes time proportional to the table, or null when it is quick. */
    private static String longRunning(StatementShape shape) {
        if (shape instanceof StatementShape.Dml dml) {
            return dml.kind().name();
        }
        if (shape instanceof StatementShape.CreateIndex) {
            return "index build";
        }
        if (shape instanceof StatementShape.Reindex) {
            return "REINDEX";
        }
        if (shape instanceof StatementShape.Maintenance m) {
            return m.command();
        }
        if (shape instanceof StatementShape.AlterTable alter) {
            for (AlterAction a : alter.actions()) {
                if (scans(a)) {
                    return "ALTER TABLE (it reads the whole table)";
                }
            }
        }
        return null;
    }

    private static boolean scans(AlterAction a) {
        switch (a.kind()) {
            case SET_NOT_NULL:
            case VALIDATE_CONSTRAINT:
            case ALTER_COLUMN_TYPE:
                return true;
            case ADD_CONSTRAINT:
                ConstraintDef c = a.constraint();
                return c != null && !c.notValid() && c.usingIndex().isEmpty();
            case ADD_COLUMN:
                ColumnDef d = a.definition();
                return d != null && (d.hasDefault() || d.generatedStored() || d.serial() || d.identity()
                        || d.primaryKey() || d.unique() || d.references() || d.check());
            default:
                return false;
        }
    }
}

package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.PlanState;
import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lint.rules.common.ChangesetShapes;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.lock.PgLockMode;
import io.github.migrationdelivery.engine.lock.PostgresLocks;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What require-lock-timeout and require-statement-timeout share: a statement needs the timeout
 * when the lock table says it blocks writes or DDL on a table that exists outside this plan, and
 * the changeset has not set the timeout yet. Only the changeset's first such statement is
 * reported: one SET at the top fixes them all.
 */
abstract class TimeoutGuard implements Rule {

    abstract boolean timeoutSet(PlanState state);

    /** Statements the timeout does not apply to. */
    boolean exempt(StatementShape shape) {
        return false;
    }

    abstract String message(StatementContext ctx, String what);

    abstract String setting(boolean transactional);

    @Override
    public final void check(StatementContext ctx) {
        if (timeoutSet(ctx.state()) || !guarded(ctx.shape(), ctx.lock(), ctx.state())) {
            return;
        }
        for (StatementShape earlier : ChangesetShapes.before(ctx)) {
            if (guarded(earlier, PostgresLocks.of(earlier).map(PgLockMode::impact).orElse(LockImpact.NONE), ctx.state())) {
                return; // reported there
            }
        }
        List<QualifiedName> tables = ctx.shape().tables();
        String what = ctx.lock().lockMode() + (tables.isEmpty() ? ""
                : " on " + tables.stream().map(QualifiedName::toString).collect(Collectors.joining(", ")))
                + " (blocks " + ctx.lock().blockedSummary() + ")";
        boolean transactional = ctx.state().inTransaction();
        ctx.report(message(ctx, what), "-- first statement of the changeset:\n" + setting(transactional)
                + (transactional ? "\n-- SET LOCAL lasts until the changeset's transaction ends."
                        : "\n-- a session setting: RESET it at the end of the changeset if the connection is reused."));
    }

    private boolean guarded(StatementShape shape, LockImpact lock, PlanState state) {
        if (exempt(shape) || !(lock.blocksWrites() || lock.blocksDdl())) {
            return false;
        }
        List<QualifiedName> tables = shape.tables();
        return tables.isEmpty() || tables.stream().anyMatch(t -> !state.createdInPlan(t));
    }
}

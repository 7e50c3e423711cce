package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.PlanState;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;

import java.util.Set;

/** A blocking lock requested on an existing table before any SET lock_timeout in the changeset. */
public final class RequireLockTimeout extends TimeoutGuard {

    private static final RuleInfo INFO = new RuleInfo("require-lock-timeout", Severity.WARNING, Set.of(Dialect.POSTGRESQL),
            "A statement that blocks writes or DDL on an existing table runs without lock_timeout", false, RuleCategory.TRANSACTION);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    boolean timeoutSet(PlanState state) {
        return state.lockTimeoutSet();
    }

    @Override
    String message(StatementContext ctx, String what) {
        return "This statement needs " + what + " and no lock_timeout is set in this changeset. If any open "
                + "transaction or long query holds a lock on the table, the statement waits for it, and every query "
                + "that arrives after it queues behind its lock request: the table is unavailable until the blocker "
                + "ends. With lock_timeout it gives up after a moment and can be retried.";
    }

    @Override
    String setting(boolean transactional) {
        return (transactional ? "SET LOCAL" : "SET") + " lock_timeout = '1s';\n"
                + "-- when it fails with lock_not_available (SQLSTATE 55P03), nothing was applied: retry the changeset.";
    }
}

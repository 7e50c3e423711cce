package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.PlanState;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;

/**
 * A blocking statement on an existing table before any SET statement_timeout in the changeset.
 * CONCURRENTLY statements are exempt: they do not block traffic while they run and need a long
 * timeout, not a short one.
 */
public final class RequireStatementTimeout extends TimeoutGuard {

    private static final RuleInfo INFO = new RuleInfo("require-statement-timeout", Severity.WARNING,
            Set.of(Dialect.POSTGRESQL),
            "A statement that blocks writes or DDL on an existing table runs without statement_timeout", false, RuleCategory.TRANSACTION);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    boolean timeoutSet(PlanState state) {
        return state.statementTimeoutSet();
    }

    @Override
    boolean exempt(StatementShape shape) {
        if (shape instanceof StatementShape.CreateIndex ci) {
            return ci.concurrently();
        }
        if (shape instanceof StatementShape.DropIndex di) {
            return di.concurrently();
        }
        if (shape instanceof StatementShape.Reindex r) {
            return r.concurrently();
        }
        if (shape instanceof StatementShape.Maintenance m) {
            return m.concurrently();
        }
        return shape instanceof StatementShape.AlterTable at && !at.actions().isEmpty()
                && at.actions().stream().allMatch(AlterAction::concurrently);
    }

    @Override
    String message(StatementContext ctx, String what) {
        return "This statement holds " + what + " for as long as it runs, and no statement_timeout is set in this "
                + "changeset: a scan or rewrite that takes longer than expected on production data keeps the table "
                + "blocked with no bound. With statement_timeout it is cancelled instead and rolls back.";
    }

    @Override
    String setting(boolean transactional) {
        return (transactional ? "SET LOCAL" : "SET") + " statement_timeout = '5s';  "
                + "-- the longest you accept the table being blocked\n"
                + "-- (CREATE INDEX CONCURRENTLY and other CONCURRENTLY statements do not block traffic: put them in "
                + "their own changeset with a long one, e.g. SET statement_timeout = '4h')";
    }
}

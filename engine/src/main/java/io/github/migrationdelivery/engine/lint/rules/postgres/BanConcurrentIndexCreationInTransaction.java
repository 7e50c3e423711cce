package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;

/**
 * PG-IDX-03: CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and DETACH PARTITION
 * CONCURRENTLY inside a transaction. PostgreSQL refuses them there, so the migration fails.
 */
public final class BanConcurrentIndexCreationInTransaction implements Rule {

    private static final RuleInfo INFO = new RuleInfo("ban-concurrent-index-creation-in-transaction", Severity.ERROR,
            Set.of(Dialect.POSTGRESQL), "a CONCURRENTLY operation inside a transaction (PostgreSQL refuses it)", false, RuleCategory.TRANSACTION);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        String command = concurrentCommand(ctx.shape());
        if (command == null || !ctx.state().inTransaction()) {
            return;
        }
        String where = ctx.state().explicitTransactionDepth() > 0
                ? "inside an explicit BEGIN ... COMMIT block"
                : "in changeset " + ctx.changeset().displayName() + ", which runs in a transaction";
        String fix = ctx.state().explicitTransactionDepth() > 0
                ? "-- remove the BEGIN/COMMIT around it, and put it in " + SafeRewrites.outsideTransaction(ctx.changeset())
                : "-- put it in " + SafeRewrites.outsideTransaction(ctx.changeset());
        ctx.report(command + " cannot run inside a transaction block: it runs " + where
                        + ", so PostgreSQL rejects it and the migration fails (ERROR: " + command
                        + " cannot run inside a transaction block).",
                fix + ",\n-- one CONCURRENTLY statement per changeset, so a failure leaves nothing half-applied:\n"
                        + SafeRewrites.render(SafeRewrites.withoutSemicolon(ctx.tokens())) + ";");
    }

    private static String concurrentCommand(StatementShape shape) {
        if (shape instanceof StatementShape.CreateIndex ci && ci.concurrently()) {
            return "CREATE INDEX CONCURRENTLY";
        }
        if (shape instanceof StatementShape.DropIndex di && di.concurrently()) {
            return "DROP INDEX CONCURRENTLY";
        }
        if (shape instanceof StatementShape.Reindex r && r.concurrently()) {
            return "REINDEX CONCURRENTLY";
        }
        if (shape instanceof StatementShape.AlterTable alter) {
            for (AlterAction a : alter.actions()) {
                if (a.kind() == AlterAction.Kind.DETACH_PARTITION && a.concurrently()) {
                    return "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY";
                }
            }
        }
        return null;
    }
}

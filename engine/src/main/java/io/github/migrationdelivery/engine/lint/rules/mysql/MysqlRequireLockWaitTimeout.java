package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;

import java.util.Set;

/** MY-MDL-01: DDL waits for its metadata lock behind any open transaction, and every query on the table queues behind the DDL. */
public final class MysqlRequireLockWaitTimeout implements Rule {

    private static final RuleInfo INFO = new RuleInfo("mysql-require-lock-wait-timeout", Severity.WARNING, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "DDL on an existing table with no earlier SET lock_wait_timeout in the changeset (once per changeset)", false, RuleCategory.TRANSACTION);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (ctx.state().lockTimeoutSet() || !OnlineDdl.ddlOnExistingTable(ctx) || OnlineDdl.earlierDdlOnExistingTable(ctx)) {
            return;
        }
        String table = ctx.shape().tables().stream().filter(t -> !ctx.state().createdInPlan(t)).findFirst()
                .map(OnlineDdl::name).orElse("the table");
        ctx.report(ctx.lock(), false,
                "Every DDL needs an exclusive metadata lock on " + table + ", at least briefly; it waits behind any open"
                        + " transaction that touched the table, and every later query on " + table + " queues behind it."
                        + " lock_wait_timeout defaults to one year, so one long transaction stalls the application"
                        + " instead of failing this migration. Set it once at the start of the changeset and retry on"
                        + " error 1205.",
                "SET SESSION lock_wait_timeout = 5;\n" + OnlineDdl.sql(ctx) + ";");
    }
}

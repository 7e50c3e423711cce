package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;

/** MY-OBJ-01: triggers and stored code interact with online schema change tools and with binary logging. */
public final class MysqlTriggersAndRoutines implements Rule {

    private static final RuleInfo INFO = new RuleInfo("mysql-triggers-and-routines", Severity.INFO, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "CREATE TRIGGER/PROCEDURE/FUNCTION/EVENT in a migration", false, RuleCategory.OPERATIONS);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof StatementShape.OtherDdl o) || !"CREATE".equals(o.verb())) {
            return;
        }
        String kind = o.objectType();
        if (!"TRIGGER".equals(kind) && !"PROCEDURE".equals(kind) && !"FUNCTION".equals(kind) && !"EVENT".equals(kind)) {
            return;
        }
        String message = "TRIGGER".equals(kind)
                ? "A trigger on the table makes later online schema changes harder: gh-ost refuses tables with triggers"
                + " and pt-online-schema-change needs --preserve-triggers; the trigger also runs inside every write's"
                + " transaction and its work is invisible to the application code."
                : "Stored " + kind.toLowerCase(java.util.Locale.ROOT) + "s live outside the application's deployment:"
                + " with binary logging on, creating one needs SUPER or log_bin_trust_function_creators=1 (unless it is"
                + " declared DETERMINISTIC / NO SQL / READS SQL DATA), and its body is not checked by this linter.";
        ctx.report(LockImpact.NONE, false, message, "");
    }
}

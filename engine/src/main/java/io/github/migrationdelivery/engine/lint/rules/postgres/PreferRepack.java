package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;

/** PG-MAINT-01: VACUUM FULL and CLUSTER rewrite the table under AccessExclusiveLock. */
public final class PreferRepack implements Rule {

    private static final RuleInfo INFO = new RuleInfo("prefer-repack", Severity.ERROR,
            Set.of(Dialect.POSTGRESQL), "VACUUM FULL or CLUSTER on an existing table", false, RuleCategory.LOCKING);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof StatementShape.Maintenance m)) {
            return;
        }
        boolean cluster = "CLUSTER".equals(m.command());
        if (!cluster && !("VACUUM".equals(m.command()) && m.full())) {
            return;
        }
        if (m.target() != null && ctx.state().createdInPlan(m.target())) {
            return;
        }
        String command = cluster ? "CLUSTER" : "VACUUM FULL";
        String target = m.target() == null ? "every table of the database" : SafeRewrites.name(m.target());
        String table = m.target() == null ? "" : " --table=" + SafeRewrites.name(m.target());
        String repack = ctx.serverVersion().atLeast(19)
                ? "REPACK (CONCURRENTLY)" + (m.target() == null ? "" : " " + SafeRewrites.name(m.target()))
                        + (cluster ? " USING INDEX" : "") + ";\n-- or: "
                : "-- ";
        ctx.report(ctx.lock(), true, command + " rewrites " + target + " while holding " + ctx.lock().lockMode()
                        + ": every read and write waits for the whole rewrite (and it needs free disk for a full copy).",
                repack + "pg_repack" + (cluster ? "" : " --no-order") + table + " <database>"
                        + "   # rebuilds online, locking only briefly at the start and the end\n"
                        + "-- run it as an operations task, not inside a migration");
    }
}

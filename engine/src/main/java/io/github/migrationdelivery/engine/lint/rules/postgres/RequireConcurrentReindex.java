package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;

/** PG-IDX-04: REINDEX without CONCURRENTLY (PostgreSQL 12+ has the concurrent form). */
public final class RequireConcurrentReindex implements Rule {

    private static final RuleInfo INFO = new RuleInfo("require-concurrent-reindex", Severity.ERROR,
            Set.of(Dialect.POSTGRESQL), "REINDEX without CONCURRENTLY", false, RuleCategory.LOCKING);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof StatementShape.Reindex r) || r.concurrently()) {
            return;
        }
        if ("TABLE".equals(r.objectType()) && r.name() != null && ctx.state().createdInPlan(r.name())) {
            return;
        }
        String target = r.objectType() + (r.name() == null ? "" : " " + SafeRewrites.name(r.name()));
        String why = "REINDEX " + target + " takes " + ctx.lock().lockMode()
                + " on each index it rebuilds and blocks writes to the table: writes wait for the whole"
                + " rebuild, and so does every query that would use the index (it blocks "
                + ctx.lock().blockedSummary() + ").";
        if ("SYSTEM".equals(r.objectType())) {
            ctx.report(Severity.WARNING, ctx.lock(), false, why + " System catalogs cannot be reindexed concurrently.",
                    "-- run REINDEX SYSTEM in a maintenance window, not in a migration");
            return;
        }
        if (!ctx.serverVersion().atLeast(12)) {
            String index = "INDEX".equals(r.objectType()) && r.name() != null ? SafeRewrites.name(r.name()) : "<index>";
            ctx.report(Severity.WARNING, ctx.lock(), false, why + " PostgreSQL " + ctx.serverVersion()
                            + " has no REINDEX CONCURRENTLY (it came in 12).",
                    "-- per index: build a copy concurrently (same definition as pg_indexes.indexdef shows),"
                            + " swap the names, drop the old one concurrently\n"
                            + "CREATE INDEX CONCURRENTLY " + index + "_new ON <table> (<same columns>);\n"
                            + "ALTER INDEX " + index + " RENAME TO " + index + "_old;\n"
                            + "ALTER INDEX " + index + "_new RENAME TO " + index + ";\n"
                            + "DROP INDEX CONCURRENTLY " + index + "_old;\n"
                            + "-- or: pg_repack --only-indexes --table=<table>");
            return;
        }
        ctx.report(why,
                SafeRewrites.outsideTransactionNote(ctx.changeset())
                        + "REINDEX " + r.objectType() + " CONCURRENTLY"
                        + (r.name() == null ? "" : " " + SafeRewrites.name(r.name())) + ";\n"
                        + "-- a failed REINDEX CONCURRENTLY leaves an INVALID <index>_ccnew index: drop it"
                        + " (DROP INDEX CONCURRENTLY) before retrying");
    }
}

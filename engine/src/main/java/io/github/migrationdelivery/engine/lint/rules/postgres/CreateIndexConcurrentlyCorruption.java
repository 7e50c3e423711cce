package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.ServerVersion;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;

/**
 * PG-IDX-06: PostgreSQL 14.0 to 14.3 can build corrupt indexes with CREATE INDEX CONCURRENTLY
 * and REINDEX CONCURRENTLY (rows changed during the build may be missing from the index); fixed
 * in 14.4.
 */
public final class CreateIndexConcurrentlyCorruption implements Rule {

    private static final RuleInfo INFO = new RuleInfo("create-index-concurrently-corruption", Severity.ERROR,
            Set.of(Dialect.POSTGRESQL), "CONCURRENTLY index build on PostgreSQL 14.0-14.3 (corruption bug)", false, RuleCategory.OPERATIONS);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        boolean build = ctx.shape() instanceof StatementShape.CreateIndex ci && ci.concurrently()
                || ctx.shape() instanceof StatementShape.Reindex r && r.concurrently();
        if (!build || !affected(ctx.serverVersion())) {
            return;
        }
        ctx.report("PostgreSQL " + ctx.serverVersion() + " has a bug (fixed in 14.4) that can build an index"
                        + " CONCURRENTLY that silently misses rows changed during the build: queries using it"
                        + " return wrong results. (If the server is already on 14.4 or later, set the server"
                        + " version to the exact minor, e.g. 14.11.)",
                "-- upgrade the server to 14.4 or later first; then build the index concurrently.\n"
                        + "-- indexes built or reindexed CONCURRENTLY on 14.0-14.3 should be checked with"
                        + " amcheck (pg_amcheck --heapallindexed) and rebuilt with REINDEX INDEX CONCURRENTLY.");
    }

    private static boolean affected(ServerVersion v) {
        return v.major() == 14 && v.minor() < 4;
    }
}

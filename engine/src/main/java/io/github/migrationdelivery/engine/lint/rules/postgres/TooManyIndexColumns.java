package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;

/** PG-IDX-08: a non-unique index on more than three columns (strong_migrations' add_index_columns). */
public final class TooManyIndexColumns implements Rule {

    private static final int MAX_COLUMNS = 3;

    private static final RuleInfo INFO = new RuleInfo("too-many-index-columns", Severity.INFO,
            Set.of(Dialect.POSTGRESQL), "non-unique index with more than three columns", false, RuleCategory.DESIGN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof StatementShape.CreateIndex ci) || ci.unique() || ci.columns().size() <= MAX_COLUMNS) {
            return;
        }
        ctx.report(LockImpact.NONE, false, "A non-unique index on " + ci.columns().size() + " columns ("
                        + SafeRewrites.columns(ci.columns()) + ") is large and slows every write to "
                        + SafeRewrites.name(ci.table()) + "; the columns after the first few rarely narrow"
                        + " the search enough to pay for that.",
                "-- index the leading columns that select few rows, e.g.:\n"
                        + SafeRewrites.createIndexConcurrently(false, SafeRewrites.ident(
                                ci.name().isEmpty() ? SafeRewrites.derivedName(ci.table(), ci.columns().get(0), "idx") : ci.name()),
                        ci.table(), ci.columns().subList(0, MAX_COLUMNS))
                        + "\n-- and check with EXPLAIN (ANALYZE) on the queries it serves that it is used");
    }
}

package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.StatementShape;
import io.github.migrationdelivery.engine.sql.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** PG-IDX-01: CREATE INDEX without CONCURRENTLY on a table that already holds rows. */
public final class RequireConcurrentIndexCreation implements Rule {

    private static final RuleInfo INFO = new RuleInfo("require-concurrent-index-creation", Severity.ERROR,
            Set.of(Dialect.POSTGRESQL), "CREATE INDEX without CONCURRENTLY on an existing table", false, RuleCategory.LOCKING);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof StatementShape.CreateIndex ci) || ci.concurrently()
                || ctx.state().createdInPlan(ci.table())) {
            return;
        }
        String table = SafeRewrites.name(ci.table());
        String index = ci.name().isEmpty() ? "the index" : SafeRewrites.ident(ci.name());
        ctx.report("CREATE INDEX without CONCURRENTLY takes " + ctx.lock().lockMode() + " on " + table
                        + " for the whole index build: every INSERT, UPDATE and DELETE on " + table
                        + " waits until the build has read the entire table (reads go on).",
                SafeRewrites.outsideTransactionNote(ctx.changeset())
                        + concurrentForm(ctx.tokens(), ci) + "\n"
                        + SafeRewrites.invalidIndexNote(index));
    }

    /** The statement as written, with CONCURRENTLY (and IF NOT EXISTS for a named index) after INDEX. */
    static String concurrentForm(List<Token> tokens, StatementShape.CreateIndex ci) {
        List<Token> body = SafeRewrites.withoutSemicolon(tokens);
        int indexAt = -1;
        for (int i = 0; i < body.size(); i++) {
            if (body.get(i).is("INDEX")) {
                indexAt = i;
                break;
            }
        }
        if (indexAt < 0) {
            return SafeRewrites.createIndexConcurrently(ci.unique(), SafeRewrites.ident(ci.name()), ci.table(), ci.columns());
        }
        List<String> parts = new ArrayList<>();
        parts.add(SafeRewrites.render(body.subList(0, indexAt + 1)));
        parts.add("CONCURRENTLY");
        if (!ci.ifNotExists() && !ci.name().isEmpty()) {
            parts.add("IF NOT EXISTS");
        }
        parts.add(SafeRewrites.render(body.subList(indexAt + 1, body.size())));
        return String.join(" ", parts) + ";";
    }
}

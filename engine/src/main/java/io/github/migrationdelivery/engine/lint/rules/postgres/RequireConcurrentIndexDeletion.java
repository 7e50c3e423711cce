package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;

/** PG-IDX-02: DROP INDEX without CONCURRENTLY takes AccessExclusiveLock on the index's table. */
public final class RequireConcurrentIndexDeletion implements Rule {

    private static final RuleInfo INFO = new RuleInfo("require-concurrent-index-deletion", Severity.ERROR,
            Set.of(Dialect.POSTGRESQL), "DROP INDEX without CONCURRENTLY", false, RuleCategory.LOCKING);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof StatementShape.DropIndex di) || di.concurrently()) {
            return;
        }
        StringBuilder fix = new StringBuilder(SafeRewrites.outsideTransactionNote(ctx.changeset()));
        if (di.names().size() > 1) {
            fix.append("-- DROP INDEX CONCURRENTLY takes one index per statement:\n");
        }
        for (QualifiedName index : di.names()) {
            fix.append("DROP INDEX CONCURRENTLY IF EXISTS ").append(SafeRewrites.name(index)).append(";\n");
        }
        if (di.cascade()) {
            fix.append("-- CONCURRENTLY does not allow CASCADE: drop the dependent objects (constraints) explicitly first\n");
        }
        ctx.report("DROP INDEX without CONCURRENTLY takes " + ctx.lock().lockMode()
                        + " on the index's table: every read and write of that table waits, first for the"
                        + " running queries on it to finish, then for the drop (it blocks " + ctx.lock().blockedSummary() + ").",
                fix.toString().strip());
    }
}

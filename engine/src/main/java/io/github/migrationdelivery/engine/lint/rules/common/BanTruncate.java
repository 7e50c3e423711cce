package io.github.migrationdelivery.engine.lint.rules.common;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * TRUNCATE of an existing table. TRUNCATE ... CASCADE on PostgreSQL is reported by
 * ban-truncate-cascade instead, which says more.
 */
public final class BanTruncate implements Rule {

    private static final RuleInfo INFO = new RuleInfo("ban-truncate", Severity.ERROR, Set.of(Dialect.values()),
            "TRUNCATE deletes every row of an existing table", false, RuleCategory.DESTRUCTIVE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof StatementShape.Truncate truncate)
                || truncate.cascade() && !ctx.dialect().isMysqlFamily()) {
            return;
        }
        List<QualifiedName> existing = truncate.tablesTruncated().stream()
                .filter(t -> !ctx.state().createdInPlan(t)).toList();
        if (existing.isEmpty()) {
            return;
        }
        String names = existing.stream().map(QualifiedName::toString).collect(Collectors.joining(", "));
        String how = ctx.dialect().isMysqlFamily()
                ? "TRUNCATE is DDL in " + ctx.dialect().id() + ": it commits implicitly and cannot be rolled back, "
                        + "and it waits for an exclusive metadata lock that queues every query on the table."
                : "It takes " + ctx.lock().lockMode() + " (blocks " + ctx.lock().blockedSummary()
                        + ") and, once committed, the rows are gone.";
        ctx.report("TRUNCATE " + names + " deletes every row at once. " + how, fix(ctx, existing));
    }

    static String fix(StatementContext ctx, List<QualifiedName> tables) {
        StringBuilder sb = new StringBuilder();
        for (QualifiedName t : tables) {
            QualifiedName backup = StatementText.derived(t, t.name(), "_backup_yyyymmdd");
            sb.append("-- keep the rows first:\n")
                    .append("CREATE TABLE ").append(StatementText.name(backup, ctx.dialect())).append(" AS SELECT * FROM ")
                    .append(StatementText.name(t, ctx.dialect())).append(";\n")
                    .append(ExpandContract.batches(ctx.dialect(), StatementShape.Dml.Kind.DELETE, t, "", ""))
                    .append('\n');
        }
        return sb.toString().strip();
    }
}

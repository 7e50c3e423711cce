package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lint.TableRows;
import io.github.migrationdelivery.engine.lock.MysqlDdl.Algorithm;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Locale;
import java.util.Set;

/**
 * MY-SIZE-01: DDL that reads or rebuilds a table the team says is large ({@code lint.tableRows} at
 * or above {@code lint.largeTableRows}). Even in place it runs for minutes to hours, replicates as
 * one statement that replicas start only when the primary is done, and cannot be throttled:
 * gh-ost and pt-online-schema-change copy in small throttled chunks instead.
 */
public final class MysqlLargeTableDdl implements Rule {

    private static final RuleInfo INFO = new RuleInfo("mysql-large-table-ddl", Severity.WARNING, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "ALTER TABLE or CREATE INDEX that reads or rebuilds a large table (size from lint.tableRows)", false,
            RuleCategory.OPERATIONS);

    /** In place without reading the rows: only the data dictionary changes. */
    private static final Set<AlterAction.Kind> METADATA_ONLY = Set.of(AlterAction.Kind.DROP_INDEX,
            AlterAction.Kind.DROP_FOREIGN_KEY, AlterAction.Kind.RENAME_INDEX, AlterAction.Kind.ALGORITHM, AlterAction.Kind.LOCK);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        TableRows rows = ctx.settings().tableRows();
        if (ctx.shape() instanceof StatementShape.AlterTable alter) {
            if (!rows.large(alter.table()) || ctx.state().createdInPlan(alter.table())) {
                return;
            }
            Algorithm slowest = null;
            for (AlterAction a : alter.actions()) {
                Algorithm algorithm = OnlineDdl.algorithm(ctx, alter, a);
                if (!METADATA_ONLY.contains(a.kind()) && algorithm != Algorithm.INSTANT
                        && (slowest == null || algorithm == Algorithm.COPY)) {
                    slowest = algorithm;
                }
            }
            if (slowest != null) {
                report(ctx, alter.table(), slowest, OnlineDdl.changeList(ctx, alter));
            }
        } else if (ctx.shape() instanceof StatementShape.CreateIndex ci && rows.large(ci.table())
                && !ctx.state().createdInPlan(ci.table())) {
            String kind = ci.unique() ? "UNIQUE " : ci.method().equals("FULLTEXT") || ci.method().equals("SPATIAL") ? ci.method() + " " : "";
            report(ctx, ci.table(), Algorithm.INPLACE, "ADD " + kind + "INDEX " + OnlineDdl.name(ci.name())
                    + " (" + String.join(", ", ci.columns()) + ")");
        }
    }

    private static void report(StatementContext ctx, QualifiedName table, Algorithm algorithm, String changeList) {
        TableRows rows = ctx.settings().tableRows();
        String t = rows.label(table, OnlineDdl.name(table));
        ctx.report(ctx.lock(), algorithm == Algorithm.COPY,
                t + " is at or above lint.largeTableRows (" + String.format(Locale.ROOT, "%,d", rows.largeTableRows())
                        + "): this change runs ALGORITHM=" + algorithm + " over the whole table, for minutes to hours."
                        + " It replicates as one statement that replicas start only once the primary has finished, so"
                        + " they fall behind by as long as it took, and it cannot be paused or throttled when the"
                        + " primary gets busy. gh-ost and pt-online-schema-change copy the table in small throttled"
                        + " chunks, follow replica lag and switch tables in a moment.",
                OnlineDdl.onlineSchemaChange(ctx, table, changeList));
    }
}

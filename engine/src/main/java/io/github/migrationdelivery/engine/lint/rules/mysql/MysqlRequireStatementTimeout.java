package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.MysqlDdl.Algorithm;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;

/** MY-TIME-01: MariaDB bounds any statement with max_statement_time; MySQL max_execution_time covers SELECT only. */
public final class MysqlRequireStatementTimeout implements Rule {

    private static final RuleInfo INFO = new RuleInfo("mysql-require-statement-timeout", Severity.WARNING, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "long-running DDL (index build, rebuild, copy) with no statement time limit (MariaDB max_statement_time; MySQL has none for DDL)", false, RuleCategory.TRANSACTION);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (ctx.state().statementTimeoutSet() || !runsLong(ctx, ctx.shape())
                || OnlineDdl.earlierStatementMatches(ctx, shape -> runsLong(ctx, shape))) {
            return;
        }
        if (ctx.dialect() == Dialect.MARIADB) {
            ctx.report(ctx.lock(), false,
                    "This statement builds or rebuilds data of an existing table and nothing bounds how long it runs:"
                            + " on a table larger than expected it keeps its load (and any write lock) for as long as it"
                            + " takes. MariaDB's max_statement_time aborts and rolls back a statement that runs longer.",
                    "SET SESSION max_statement_time = 1800; -- seconds: the longest this changeset may run\n"
                            + OnlineDdl.sql(ctx) + ";");
        } else {
            ctx.report(Severity.INFO, ctx.lock(), false,
                    "This statement builds or rebuilds data of an existing table, and MySQL has no server-side time limit"
                            + " for DDL (max_execution_time applies to SELECT only): bound the run time in the deployment job,"
                            + " or run large changes with gh-ost/pt-online-schema-change, which can be throttled and aborted.",
                    "");
        }
    }

    private static boolean runsLong(StatementContext ctx, StatementShape shape) {
        if (!OnlineDdl.ddlOnExistingTable(ctx, shape)) {
            return false;
        }
        if (shape instanceof StatementShape.AlterTable alter) {
            return !OnlineDdl.isRenameTableOnly(alter) && OnlineDdl.algorithm(ctx, alter) != Algorithm.INSTANT
                    && alter.actions().stream().anyMatch(a -> a.kind() != AlterAction.Kind.DROP_INDEX
                    && a.kind() != AlterAction.Kind.RENAME_INDEX && a.kind() != AlterAction.Kind.DROP_FOREIGN_KEY
                    && a.kind() != AlterAction.Kind.ALGORITHM && a.kind() != AlterAction.Kind.LOCK);
        }
        return shape instanceof StatementShape.CreateIndex;
    }
}

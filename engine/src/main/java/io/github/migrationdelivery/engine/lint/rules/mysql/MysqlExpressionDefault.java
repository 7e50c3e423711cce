package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.MysqlLocks;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ColumnDef;

import java.util.List;
import java.util.Set;

/** MY-COL-01: an expression default is computed for every existing row, so the column cannot be added INSTANT. */
public final class MysqlExpressionDefault implements Rule {

    private static final RuleInfo INFO = new RuleInfo("mysql-expression-default", Severity.ERROR, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "ADD COLUMN with an expression default (DEFAULT (uuid())) on an existing table", false, RuleCategory.LOCKING);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        OnlineDdl.alterOfExistingTable(ctx).ifPresent(alter -> {
            for (AlterAction a : alter.actions()) {
                ColumnDef d = a.definition();
                if (a.kind() != AlterAction.Kind.ADD_COLUMN || d == null || !MysqlLocks.isExpressionDefault(d)) {
                    continue;
                }
                String table = OnlineDdl.name(alter.table());
                String column = OnlineDdl.name(d.name());
                String expr = OnlineDdl.text(ctx, d.defaultExpr());
                String bare = expr.startsWith("(") && expr.endsWith(")") ? expr.substring(1, expr.length() - 1) : expr;
                String type = d.type() == null ? "<type>" : d.type().text();
                ctx.report(OnlineDdl.copyImpact(alter), true,
                        "The default " + expr + " of " + column + " is an expression the server must compute for every"
                                + " existing row of " + table + ", so the column cannot be added INSTANT: the table is"
                                + " rebuilt and writes wait for the whole rebuild.",
                        "ALTER TABLE " + table + " ADD COLUMN " + column + " " + type + " NULL, "
                                + OnlineDdl.onlineClauses(ctx, OnlineDdl.locks(ctx).algorithm(new AlterAction(
                                AlterAction.Kind.ADD_COLUMN, d.name(), null, null, null, "", false, false, false, List.of())))
                                + ";\n"
                                + "ALTER TABLE " + table + " ALTER COLUMN " + column + " SET DEFAULT (" + bare + ");\n"
                                + "UPDATE " + table + " SET " + column + " = " + bare + " WHERE " + column
                                + " IS NULL LIMIT 5000; -- repeat until it changes 0 rows, pausing between batches");
            }
        });
    }
}

package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.MysqlDdl.Algorithm;
import io.github.migrationdelivery.engine.lock.MysqlLocks;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ColumnDef;

import java.util.Set;

/** MY-COL-09: moving a column rewrites every row. */
public final class MysqlColumnReorder implements Rule {

    private static final RuleInfo INFO = new RuleInfo("mysql-column-reorder", Severity.ERROR, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "FIRST/AFTER in MODIFY/CHANGE, or in ADD COLUMN before instant add-anywhere (MySQL 8.0.29, MariaDB 10.4): table rebuild", false, RuleCategory.LOCKING);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        OnlineDdl.alterOfExistingTable(ctx).ifPresent(alter -> {
            for (AlterAction a : alter.actions()) {
                ColumnDef d = a.definition();
                if (d == null || d.position().isEmpty()) {
                    continue;
                }
                boolean modify = a.kind() == AlterAction.Kind.MODIFY_COLUMN;
                boolean addNeedsRebuild = a.kind() == AlterAction.Kind.ADD_COLUMN
                        && OnlineDdl.algorithm(ctx, alter, a) != Algorithm.INSTANT && !d.autoIncrement() && !d.generatedStored()
                        && !MysqlLocks.isExpressionDefault(d);
                if (!modify && !addNeedsRebuild) {
                    continue;
                }
                String table = OnlineDdl.name(alter.table());
                String clause = OnlineDdl.text(ctx, a.tokens());
                String without = OnlineDdl.withoutPosition(clause);
                Algorithm algorithm = OnlineDdl.locks(ctx).algorithm(new AlterAction(a.kind(), a.column(),
                        new ColumnDef(d.name(), d.type(), d.defaultExpr(), d.notNull(), d.explicitNull(), d.primaryKey(),
                                d.unique(), d.references(), d.checks(), d.generatedStored(), d.identity(), d.autoIncrement(),
                                d.serial(), ""), a.type(), a.constraint(), a.name(), a.ifExists(), a.concurrently(),
                        a.cascade(), a.tokens()), OnlineDdl.currentType(ctx, alter.table(), a.column()));
                ctx.report(OnlineDdl.impact(ctx, alter), true,
                        d.position() + " moves " + a.column() + " within the row, so every row of " + table
                                + " is rewritten (a table rebuild" + (modify ? "" : " on " + ctx.dialect().id() + " "
                                + ctx.serverVersion() + ", which adds columns instantly only at the end") + "); column order"
                                + " has no effect on queries that name their columns.",
                        (modify && without.matches("(?i)^MODIFY\\s+(COLUMN\\s+)?\\S+\\s*$")
                                ? "-- nothing left to change without the move: drop the statement"
                                : "ALTER TABLE " + table + " " + without + ", "
                                + OnlineDdl.onlineClauses(ctx, algorithm == Algorithm.COPY ? Algorithm.INPLACE : algorithm) + ";"));
            }
        });
    }
}

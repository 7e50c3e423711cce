package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.MysqlDdl.Algorithm;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ColumnDef;

import java.util.Set;

/** MY-COL-06: making a nullable column NOT NULL rebuilds the table; NULLs make it fail (strict mode) or are silently replaced. */
public final class MysqlMakeNotNull implements Rule {

    private static final RuleInfo INFO = new RuleInfo("mysql-make-not-null", Severity.WARNING, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "MODIFY/CHANGE ... NOT NULL on an existing table (rebuild; NULLs fail or become zero values)", false, RuleCategory.LOCKING);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        OnlineDdl.alterOfExistingTable(ctx).ifPresent(alter -> {
            for (AlterAction a : alter.actions()) {
                ColumnDef d = a.definition();
                if (a.kind() != AlterAction.Kind.MODIFY_COLUMN || d == null || !d.notNull() || d.primaryKey()) {
                    continue;
                }
                String table = OnlineDdl.name(alter.table());
                String column = OnlineDdl.name(a.column());
                Algorithm algorithm = OnlineDdl.algorithm(ctx, alter, a);
                String fix = "SELECT @@SESSION.sql_mode; -- must contain STRICT_TRANS_TABLES, or NULLs are silently replaced\n"
                        + "SELECT COUNT(*) FROM " + table + " WHERE " + column + " IS NULL; -- must be 0; if not, backfill first:\n"
                        + "UPDATE " + table + " SET " + column + " = <value> WHERE " + column + " IS NULL LIMIT 5000; -- repeat until it changes 0 rows\n"
                        + "ALTER TABLE " + table + " " + OnlineDdl.text(ctx, a.tokens()) + ", "
                        + OnlineDdl.onlineClauses(ctx, algorithm == Algorithm.COPY ? Algorithm.INPLACE : algorithm) + ";";
                ctx.report(OnlineDdl.impact(ctx, alter), true,
                        "If " + a.column() + " is nullable today, making it NOT NULL rebuilds " + table + " (in place, but"
                                + " for the whole table) and checks every row: in strict SQL mode one NULL fails the"
                                + " statement after the rebuild work, without strict mode NULLs silently become 0 or ''.",
                        fix);
            }
        });
    }
}

package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.MysqlDdl.Algorithm;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;

import java.util.Set;

/** MY-COL-08: a STORED generated column is computed and written for every row: ALGORITHM=COPY; a VIRTUAL one is metadata-only. */
public final class MysqlStoredGeneratedColumn implements Rule {

    private static final RuleInfo INFO = new RuleInfo("mysql-stored-generated-column", Severity.ERROR, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "ADD COLUMN ... GENERATED ... STORED (PERSISTENT) on an existing table (table copy)", false, RuleCategory.LOCKING);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        OnlineDdl.alterOfExistingTable(ctx).ifPresent(alter -> {
            for (AlterAction a : alter.actions()) {
                if (a.kind() != AlterAction.Kind.ADD_COLUMN || a.definition() == null || !a.definition().generatedStored()) {
                    continue;
                }
                String table = OnlineDdl.name(alter.table());
                String virtual = OnlineDdl.definitionText(ctx, a).replaceAll("(?i)\\b(STORED|PERSISTENT)\\b", "VIRTUAL");
                Algorithm algorithm = ctx.dialect() == Dialect.MYSQL ? Algorithm.INSTANT : Algorithm.INPLACE;
                ctx.report(OnlineDdl.copyImpact(alter), true,
                        "The STORED generated column " + a.column() + " is computed and written into every existing row"
                                + " of " + table + ": the table is copied (ALGORITHM=COPY) while writes wait. A VIRTUAL"
                                + " column is computed on read and added without touching the rows.",
                        "ALTER TABLE " + table + " ADD COLUMN " + virtual + ", " + OnlineDdl.onlineClauses(ctx, algorithm) + ";\n"
                                + "-- if you need it indexed, a secondary index on a VIRTUAL column builds in place:\n"
                                + "-- ALTER TABLE " + table + " ADD INDEX <name> (" + OnlineDdl.name(a.column())
                                + "), ALGORITHM=INPLACE, LOCK=NONE;");
            }
        });
    }
}

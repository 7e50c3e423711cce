package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;

import java.util.Set;

/** MY-COL-07: adding an AUTO_INCREMENT column numbers every existing row: ALGORITHM=COPY, and replicas using statement-based replication may number them differently. */
public final class MysqlAutoIncrementColumn implements Rule {

    private static final RuleInfo INFO = new RuleInfo("mysql-auto-increment-column", Severity.ERROR, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "ADD COLUMN ... AUTO_INCREMENT on an existing table (table copy)", false, RuleCategory.LOCKING);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        OnlineDdl.alterOfExistingTable(ctx).ifPresent(alter -> {
            for (AlterAction a : alter.actions()) {
                if (a.kind() != AlterAction.Kind.ADD_COLUMN || a.definition() == null || !a.definition().autoIncrement()) {
                    continue;
                }
                String table = OnlineDdl.name(alter.table());
                ctx.report(OnlineDdl.copyImpact(alter), true,
                        "Adding the AUTO_INCREMENT column " + a.column() + " numbers every existing row of " + table
                                + ": the table is copied (ALGORITHM=COPY) while writes wait, and with statement-based"
                                + " replication replicas may assign different numbers than the primary.",
                        "# build the new table with the column and copy the rows online:\n"
                                + OnlineDdl.onlineSchemaChange(ctx, alter.table(), OnlineDdl.changeList(ctx, alter)));
            }
        });
    }
}

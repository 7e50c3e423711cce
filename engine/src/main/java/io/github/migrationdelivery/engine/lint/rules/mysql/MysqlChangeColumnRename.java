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

/** MY-REN-01: CHANGE old new renames the column at once; application code using the old name fails until it is deployed. */
public final class MysqlChangeColumnRename implements Rule {

    private static final RuleInfo INFO = new RuleInfo("mysql-change-column-rename", Severity.ERROR, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "CHANGE [COLUMN] old new that renames a column running code still uses", false, RuleCategory.COMPATIBILITY);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        OnlineDdl.alterOfExistingTable(ctx).ifPresent(alter -> {
            for (AlterAction a : alter.actions()) {
                ColumnDef d = a.definition();
                if (a.kind() != AlterAction.Kind.MODIFY_COLUMN || d == null || a.column().isEmpty() || d.name().isEmpty()
                        || OnlineDdl.sameColumn(a.column(), d.name())) {
                    continue;
                }
                String table = OnlineDdl.name(alter.table());
                String definition = OnlineDdl.withoutPosition(OnlineDdl.definitionText(ctx, a)).replaceFirst("^\\S+\\s+", "")
                        .replaceAll("(?i)\\s+NOT\\s+NULL", " NULL");
                ctx.report(OnlineDdl.impact(ctx, alter), OnlineDdl.algorithm(ctx, alter, a) == Algorithm.COPY,
                        "CHANGE renames " + a.column() + " to " + d.name() + " on " + table + " in one step: every query of"
                                + " the running application that names " + a.column() + " fails from that moment until"
                                + " the new code is deployed everywhere (and old code cannot be rolled back to).",
                        OnlineDdl.expandContract(ctx, alter.table(), a.column(), d.name(), definition));
            }
        });
    }
}

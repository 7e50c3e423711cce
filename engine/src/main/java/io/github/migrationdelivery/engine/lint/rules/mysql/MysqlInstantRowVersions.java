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

import java.util.Set;

/** MY-INST-01: each INSTANT ADD/DROP COLUMN adds a row version; at the limit the server refuses INSTANT and the next change rebuilds the table. */
public final class MysqlInstantRowVersions implements Rule {

    private static final RuleInfo INFO = new RuleInfo("mysql-instant-row-versions", Severity.INFO, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "INSTANT ADD/DROP COLUMN on MySQL 8.0.29+ uses one of the 64 row versions of the table (255 from 9.1.0)", false, RuleCategory.OPERATIONS);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (ctx.dialect() != Dialect.MYSQL || ctx.serverVersion().compareTo(new io.github.migrationdelivery.engine.plan.ServerVersion(8, 0, 29)) < 0) {
            return;
        }
        OnlineDdl.alterOfExistingTable(ctx).ifPresent(alter -> {
            Algorithm requested = MysqlLocks.algorithmOption(alter.algorithm());
            boolean instantColumn = alter.actions().stream().anyMatch(a ->
                    (a.kind() == AlterAction.Kind.ADD_COLUMN || a.kind() == AlterAction.Kind.DROP_COLUMN)
                            && OnlineDdl.algorithm(ctx, alter, a) == Algorithm.INSTANT);
            if (!instantColumn || requested != null && requested != Algorithm.INSTANT
                    || OnlineDdl.algorithm(ctx, alter) != Algorithm.INSTANT) {
                return;
            }
            int limit = ctx.serverVersion().atLeast(9, 1) ? 255 : 64;
            String table = alter.table().name();
            String schema = alter.table().qualified() ? alter.table().schema() : "<database>";
            ctx.report(OnlineDdl.impact(ctx, alter), false,
                    "INSTANT ADD/DROP COLUMN records a new row version for " + table + "; after " + limit
                            + " of them MySQL refuses ALGORITHM=INSTANT and the change needs a full rebuild (which resets"
                            + " the count). Check how many are used before relying on INSTANT.",
                    "SELECT NAME, TOTAL_ROW_VERSIONS FROM INFORMATION_SCHEMA.INNODB_TABLES WHERE NAME = '" + schema + "/" + table + "';\n"
                            + "-- close to " + limit + ": plan a rebuild in a quiet period (OPTIMIZE TABLE or an online schema change tool)");
        });
    }
}

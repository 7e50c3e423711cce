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

/** MY-PK-01: dropping the primary key rebuilds the clustered index (COPY when no new key is added) and leaves row-based replication and online schema tools without a key. */
public final class MysqlDropPrimaryKey implements Rule {

    private static final RuleInfo INFO = new RuleInfo("mysql-drop-primary-key", Severity.ERROR, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "DROP PRIMARY KEY on an existing table", false, RuleCategory.LOCKING);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        OnlineDdl.alterOfExistingTable(ctx).ifPresent(alter -> {
            for (AlterAction a : alter.actions()) {
                if (a.kind() != AlterAction.Kind.DROP_PRIMARY_KEY) {
                    continue;
                }
                String table = OnlineDdl.name(alter.table());
                Algorithm algorithm = OnlineDdl.algorithm(ctx, alter, a);
                boolean replaced = algorithm != Algorithm.COPY;
                ctx.report(replaced ? OnlineDdl.impact(ctx, alter) : OnlineDdl.copyImpact(alter), true,
                        "Dropping the primary key of " + table + " rebuilds the whole table around a new clustered index"
                                + (replaced ? "" : " (ALGORITHM=COPY: writes wait for the copy)")
                                + "; without a primary key InnoDB uses a hidden row id, replicas with row-based replication"
                                + " scan the table for every changed row, and gh-ost/pt-online-schema-change cannot run on it.",
                        replaced
                                ? "# changing the key: run the whole change as an online copy, with a NOT NULL unique key on the new key columns in place first:\n"
                                + OnlineDdl.onlineSchemaChange(ctx, alter.table(), OnlineDdl.changeList(ctx, alter))
                                : "-- keep a primary key; to change it, drop and add it in the same statement through an online copy:\n"
                                + OnlineDdl.onlineSchemaChange(ctx, alter.table(), "DROP PRIMARY KEY, ADD PRIMARY KEY (<columns>)"));
            }
        });
    }
}

package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.MysqlDdl;
import io.github.migrationdelivery.engine.lock.MysqlDdl.Algorithm;
import io.github.migrationdelivery.engine.lock.MysqlLocks;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;

/** MY-IDX-01: FULLTEXT and SPATIAL indexes build in place but allow no concurrent DML (LOCK=SHARED). */
public final class MysqlFulltextSpatialIndex implements Rule {

    private static final RuleInfo INFO = new RuleInfo("mysql-fulltext-spatial-index", Severity.ERROR, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "FULLTEXT or SPATIAL index on an existing table (no concurrent writes while it builds)", false, RuleCategory.LOCKING);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        StatementShape shape = ctx.shape();
        QualifiedName table;
        String changeList;
        if (shape instanceof StatementShape.AlterTable alter
                && alter.actions().stream().anyMatch(a -> a.kind() == AlterAction.Kind.ADD_INDEX && MysqlLocks.isFullTextOrSpatial(a))) {
            table = alter.table();
            changeList = OnlineDdl.changeList(ctx, alter);
        } else if (shape instanceof StatementShape.CreateIndex ci && ("FULLTEXT".equals(ci.method()) || "SPATIAL".equals(ci.method()))) {
            table = ci.table();
            changeList = "ADD " + ci.method() + " INDEX " + OnlineDdl.name(ci.name()) + " (" + String.join(", ", ci.columns()) + ")";
        } else {
            return;
        }
        if (ctx.state().createdInPlan(table)) {
            return;
        }
        ctx.report(MysqlDdl.impact(Algorithm.INPLACE, MysqlDdl.LockOption.SHARED), false,
                "A FULLTEXT or SPATIAL index cannot be built with concurrent writes: inserts, updates and deletes on "
                        + OnlineDdl.name(table) + " wait for the whole index build (LOCK=SHARED)"
                        + (ctx.dialect() == Dialect.MYSQL ? ", and the first FULLTEXT index also rebuilds the table to add FTS_DOC_ID." : "."),
                OnlineDdl.onlineSchemaChange(ctx, table, changeList));
    }
}

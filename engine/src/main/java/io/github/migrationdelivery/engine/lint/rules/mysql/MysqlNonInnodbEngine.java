package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.List;
import java.util.Set;

/** MY-ENG-01: only InnoDB has transactions, crash recovery, row locks and online DDL. */
public final class MysqlNonInnodbEngine implements Rule {

    private static final RuleInfo INFO = new RuleInfo("mysql-non-innodb-engine", Severity.WARNING, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "CREATE TABLE or ALTER TABLE with an ENGINE other than InnoDB", false, RuleCategory.DESIGN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        StatementShape shape = ctx.shape();
        String engine = "";
        QualifiedName table = null;
        if (shape instanceof StatementShape.CreateTable ct && !ct.temporary()) {
            engine = ct.engine();
            table = ct.table();
        } else if (shape instanceof StatementShape.AlterTable alter) {
            table = alter.table();
            for (AlterAction a : alter.actions()) {
                List<io.github.migrationdelivery.engine.sql.Token> t = a.tokens();
                for (int i = 0; i + 1 < t.size(); i++) {
                    if (t.get(i).is("ENGINE")) {
                        int v = t.get(i + 1).isSymbol("=") ? i + 2 : i + 1;
                        engine = v < t.size() ? t.get(v).identifier() : "";
                    }
                }
            }
        }
        if (table == null || engine.isEmpty() || "innodb".equalsIgnoreCase(engine)) {
            return;
        }
        String name = OnlineDdl.name(table);
        boolean alter = shape instanceof StatementShape.AlterTable;
        ctx.report(alter && !ctx.state().createdInPlan(table) ? OnlineDdl.copyImpact((StatementShape.AlterTable) shape) : LockImpact.NONE,
                alter, "ENGINE=" + engine + " for " + name + ": unlike InnoDB it has no transactions or crash-safe writes"
                        + " (MyISAM, Aria) or no durability at all (MEMORY), takes table locks instead of row locks, and"
                        + " gets no online DDL" + (alter ? "; changing the engine also copies the whole table." : "."),
                alter ? "-- keep " + name + " on InnoDB: drop the ENGINE change" : OnlineDdl.sql(ctx)
                        .replaceAll("(?i)ENGINE\\s*=?\\s*`?" + java.util.regex.Pattern.quote(engine) + "`?", "ENGINE=InnoDB") + ";");
    }
}

package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.lock.MysqlDdl;
import io.github.migrationdelivery.engine.lock.MysqlDdl.Algorithm;
import io.github.migrationdelivery.engine.lock.MysqlLocks;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;

/** MY-ALG-02: LOCK=SHARED blocks writes, LOCK=EXCLUSIVE reads and writes, for the whole ALTER. */
public final class MysqlLockOption implements Rule {

    private static final RuleInfo INFO = new RuleInfo("mysql-lock-option", Severity.ERROR, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "explicit LOCK=SHARED or LOCK=EXCLUSIVE on an existing table", false, RuleCategory.LOCKING);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        StatementShape shape = ctx.shape();
        String lock;
        QualifiedName table;
        Algorithm algorithm;
        boolean fullText;
        if (shape instanceof StatementShape.AlterTable alter) {
            lock = alter.lock();
            table = alter.table();
            algorithm = OnlineDdl.algorithm(ctx, alter);
            fullText = alter.actions().stream().anyMatch(MysqlLocks::isFullTextOrSpatial);
        } else if (shape instanceof StatementShape.CreateIndex ci) {
            lock = ci.lock();
            table = ci.table();
            algorithm = Algorithm.INPLACE;
            fullText = "FULLTEXT".equals(ci.method()) || "SPATIAL".equals(ci.method());
        } else {
            return;
        }
        MysqlDdl.LockOption option = MysqlLocks.lockOption(lock);
        if (option != MysqlDdl.LockOption.SHARED && option != MysqlDdl.LockOption.EXCLUSIVE
                || ctx.state().createdInPlan(table)) {
            return;
        }
        LockImpact impact = MysqlDdl.impact(algorithm, option);
        String blocked = option == MysqlDdl.LockOption.EXCLUSIVE ? "reads and writes" : "writes";
        String message = "LOCK=" + option + " makes all " + blocked + " on " + OnlineDdl.name(table)
                + " wait until the statement finishes, for the whole " + (algorithm == Algorithm.COPY ? "table copy" : "index build or rebuild")
                + "; the default (or LOCK=NONE) lets them run concurrently.";
        String fix;
        if (algorithm == Algorithm.COPY || fullText) {
            fix = "# this change cannot run with LOCK=NONE (" + (fullText ? "FULLTEXT/SPATIAL index" : "ALGORITHM=COPY")
                    + "): run it as an online copy instead\n" + OnlineDdl.onlineSchemaChange(ctx, table, changeList(ctx, shape));
        } else {
            String sql = OnlineDdl.sql(ctx).replaceAll("(?i)LOCK\\s*=?\\s*(SHARED|EXCLUSIVE)", "LOCK=NONE");
            if (algorithm == Algorithm.INSTANT && ctx.dialect() == Dialect.MYSQL) {
                // MySQL refuses any LOCK clause with ALGORITHM=INSTANT (error 1221).
                sql = sql.replaceAll("(?i),?\\s*LOCK\\s*=?\\s*NONE", "");
            }
            fix = sql + ";";
        }
        ctx.report(impact, algorithm == Algorithm.COPY, message, fix);
    }

    private static String changeList(StatementContext ctx, StatementShape shape) {
        if (shape instanceof StatementShape.AlterTable alter) {
            return OnlineDdl.changeList(ctx, alter);
        }
        StatementShape.CreateIndex ci = (StatementShape.CreateIndex) shape;
        return "ADD " + (ci.method().isEmpty() ? (ci.unique() ? "UNIQUE " : "") : ci.method() + " ") + "INDEX "
                + OnlineDdl.name(ci.name()) + " (" + String.join(", ", ci.columns()) + ")";
    }
}

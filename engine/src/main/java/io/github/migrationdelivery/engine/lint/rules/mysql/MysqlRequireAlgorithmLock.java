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
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;

/** MY-ALG-03: without ALGORITHM=/LOCK= the server silently falls back to a copy or a write lock. */
public final class MysqlRequireAlgorithmLock implements Rule {

    private static final RuleInfo INFO = new RuleInfo("mysql-require-algorithm-lock", Severity.WARNING, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "ALTER TABLE or CREATE INDEX on an existing table without explicit ALGORITHM= and LOCK=", false, RuleCategory.LOCKING);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        StatementShape shape = ctx.shape();
        if (shape instanceof StatementShape.AlterTable alter) {
            if (ctx.state().createdInPlan(alter.table()) || OnlineDdl.isRenameTableOnly(alter)) {
                return;
            }
            Algorithm predicted = OnlineDdl.algorithm(ctx, alter);
            boolean fullText = alter.actions().stream().anyMatch(MysqlLocks::isFullTextOrSpatial);
            if (predicted == Algorithm.COPY || fullText) {
                return; // mysql-copy-algorithm / mysql-fulltext-spatial-index: clauses cannot make these online
            }
            MysqlDdl.LockOption lock = MysqlLocks.lockOption(alter.lock());
            if (lock == MysqlDdl.LockOption.SHARED || lock == MysqlDdl.LockOption.EXCLUSIVE) {
                return; // mysql-lock-option
            }
            Algorithm requested = MysqlLocks.algorithmOption(alter.algorithm());
            if (requested == Algorithm.INSTANT || requested != null && !alter.lock().isEmpty()) {
                return;
            }
            Algorithm algorithm = requested == null ? predicted : requested;
            String clauses = OnlineDdl.onlineClauses(ctx, algorithm);
            String fix = alter.algorithm().isEmpty() && alter.lock().isEmpty()
                    ? OnlineDdl.sql(ctx) + ", " + clauses + ";"
                    : OnlineDdl.alterWith(ctx, alter, clauses);
            ctx.report(OnlineDdl.impact(ctx, alter), false, message(OnlineDdl.name(alter.table()), algorithm), fix);
        } else if (shape instanceof StatementShape.CreateIndex ci) {
            boolean fullText = "FULLTEXT".equals(ci.method()) || "SPATIAL".equals(ci.method());
            MysqlDdl.LockOption lock = MysqlLocks.lockOption(ci.lock());
            if (ctx.state().createdInPlan(ci.table()) || fullText || lock == MysqlDdl.LockOption.SHARED
                    || lock == MysqlDdl.LockOption.EXCLUSIVE || !ci.algorithm().isEmpty() && !ci.lock().isEmpty()) {
                return;
            }
            String sql = OnlineDdl.sql(ctx).replaceAll("(?i)\\s+(ALGORITHM|LOCK)\\s*=?\\s*[A-Za-z]+", "");
            ctx.report(MysqlDdl.impact(Algorithm.INPLACE, MysqlLocks.lockOption(ci.lock())), false,
                    message(OnlineDdl.name(ci.table()), Algorithm.INPLACE), sql + " ALGORITHM=INPLACE LOCK=NONE;");
        }
    }

    private static String message(String table, Algorithm algorithm) {
        return "Without explicit ALGORITHM= and LOCK= the server picks the algorithm itself: if " + table
                + " turns out not to support ALGORITHM=" + algorithm + " (row format, a FULLTEXT index, an older"
                + " server), it silently copies the table or blocks writes instead of failing. State the algorithm"
                + " you expect so the server refuses rather than degrades.";
    }
}

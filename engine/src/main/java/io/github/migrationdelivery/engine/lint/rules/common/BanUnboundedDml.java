package io.github.migrationdelivery.engine.lint.rules.common;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.StatementShape.Dml;
import io.github.migrationdelivery.engine.sql.Token;

import java.util.Set;

/** UPDATE or DELETE without WHERE on an existing table: every row, in one transaction. */
public final class BanUnboundedDml implements Rule {

    private static final RuleInfo INFO = new RuleInfo("ban-unbounded-dml", Severity.ERROR, Set.of(Dialect.values()),
            "UPDATE or DELETE without WHERE changes every row of an existing table in one transaction", false, RuleCategory.DESTRUCTIVE);

    private static final Set<String> AFTER_SET = Set.of("FROM", "WHERE", "RETURNING", "ORDER", "LIMIT");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof Dml dml) || dml.hasWhere() || dml.table() == null
                || dml.kind() != Dml.Kind.UPDATE && dml.kind() != Dml.Kind.DELETE
                || ctx.state().createdInPlan(dml.table()) || limited(ctx)) {
            return;
        }
        String log = ctx.dialect().isMysqlFamily() ? "binlog" : "WAL";
        String what = dml.kind() == Dml.Kind.DELETE
                ? "DELETE without WHERE removes every row of " + dml.table()
                : "UPDATE without WHERE rewrites every row of " + dml.table();
        ctx.report(what + " in one transaction: it holds a row lock on each row until it commits (application writes to "
                        + "those rows wait), writes the whole table to the " + log + " at once (replicas fall behind), "
                        + "and on failure rolls back for as long again.",
                ExpandContract.batches(ctx.dialect(), dml.kind(), dml.table(), setClause(ctx), ""));
    }

    /** MySQL's UPDATE/DELETE ... LIMIT n bounds the rows even without WHERE. */
    private static boolean limited(StatementContext ctx) {
        int depth = 0;
        for (Token t : ctx.tokens()) {
            depth += t.isSymbol("(") ? 1 : t.isSymbol(")") ? -1 : 0;
            if (depth == 0 && t.is("LIMIT")) {
                return true;
            }
        }
        return false;
    }

    static String setClause(StatementContext ctx) {
        return StatementText.of(ctx, StatementText.clause(ctx.tokens(), "SET", AFTER_SET));
    }
}

package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.lock.PostgresLocks;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ColumnDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.Token;
import io.github.migrationdelivery.engine.plan.Dialect;

import java.util.List;
import java.util.Set;

/**
 * PG-COL-01 and PG-COL-03: ADD COLUMN that rewrites a table holding rows. From PostgreSQL 11 a
 * non-volatile default is stored in the catalog and the ADD is instant; before 11 any default
 * rewrites, and on every version a volatile default or a GENERATED ... STORED column does.
 */
public final class AddingFieldWithDefault extends ExistingTableAction {

    private static final RuleInfo INFO = new RuleInfo("adding-field-with-default", Severity.ERROR,
            Set.of(Dialect.POSTGRESQL), "ADD COLUMN whose default or generated value rewrites an existing table", false, RuleCategory.LOCKING);

    public AddingFieldWithDefault() {
        super(INFO);
    }

    @Override
    void check(StatementContext ctx, QualifiedName table, AlterAction a) {
        ColumnDef d = a.definition();
        // serial and identity columns are adding-serial-primary-key-field's.
        if (a.kind() != AlterAction.Kind.ADD_COLUMN || d == null || d.serial() || d.identity()) {
            return;
        }
        if (d.generatedStored()) {
            generated(ctx, table, a, d);
        } else if (d.hasDefault() && !isNull(d.defaultExpr())) {
            withDefault(ctx, table, a, d);
        }
    }

    private static boolean isNull(List<Token> expr) {
        return expr.size() == 1 && expr.get(0).is("NULL")
                || expr.size() == 3 && expr.get(0).is("NULL") && expr.get(1).isSymbol("::");
    }

    private static void withDefault(StatementContext ctx, QualifiedName table, AlterAction a, ColumnDef d) {
        String t = SafeRewrites.name(table);
        String c = SafeRewrites.ident(d.name());
        String expr = SafeRewrites.render(d.defaultExpr());
        LockImpact lock = PostgresLocks.of(a).impact();
        Volatility v = Volatility.of(d.defaultExpr());
        String rewrite = "PostgreSQL rewrites all of " + t + " to store the value in every row, holding " + lock.lockMode()
                + ": every read and write of " + t + " waits for the whole rewrite.";
        Severity severity = Severity.ERROR;
        String why;
        if (!ctx.serverVersion().atLeast(11)) {
            why = "On PostgreSQL " + ctx.serverVersion() + " (before 11) ADD COLUMN with a DEFAULT writes the default"
                    + " into every existing row: " + rewrite;
        } else if (v.kind() == Volatility.Kind.VOLATILE) {
            why = "The default " + v.function() + " is volatile: it must be evaluated for each existing row, so "
                    + rewrite;
        } else if (v.kind() == Volatility.Kind.UNKNOWN) {
            severity = Severity.WARNING;
            why = "Cannot tell whether " + v.function() + " is volatile; if it is, the table is rewritten: " + rewrite
                    + " (A STABLE or IMMUTABLE function makes this ADD COLUMN instant on PostgreSQL 11+.)";
        } else {
            return;
        }
        String fix = "ALTER TABLE " + t + " ADD COLUMN " + c + " " + d.type().text() + ";\n"
                + "-- new rows get the default from now on (catalog change, no rewrite):\n"
                + "ALTER TABLE " + t + " ALTER COLUMN " + c + " SET DEFAULT " + expr + ";\n"
                + SafeRewrites.batchedBackfill(table, d.name(), expr)
                + notNullAfterwards(ctx, table, d);
        ctx.report(severity, lock, severity == Severity.ERROR, why, fix);
    }

    private static void generated(StatementContext ctx, QualifiedName table, AlterAction a, ColumnDef d) {
        String t = SafeRewrites.name(table);
        String c = SafeRewrites.ident(d.name());
        LockImpact lock = PostgresLocks.of(a).impact();
        List<Token> expression = generationExpression(a.tokens());
        String function = SafeRewrites.derivedName(table, d.name(), "fill");
        String fix = "ALTER TABLE " + t + " ADD COLUMN " + c + " " + d.type().text() + ";\n"
                + "-- compute it for new and changed rows with a trigger instead of GENERATED ... STORED:\n"
                + SafeRewrites.syncTrigger(ctx.serverVersion(), table, function, d.name(),
                        SafeRewrites.rowExpression(expression)) + "\n"
                + SafeRewrites.batchedBackfill(table, d.name(), SafeRewrites.render(expression))
                + notNullAfterwards(ctx, table, d);
        ctx.report(lock, true, "ADD COLUMN ... GENERATED ALWAYS AS (...) STORED computes and stores the value in every"
                        + " existing row: PostgreSQL rewrites all of " + t + " holding " + lock.lockMode()
                        + ", and every read and write of " + t + " waits for the whole rewrite.",
                fix);
    }

    private static String notNullAfterwards(StatementContext ctx, QualifiedName table, ColumnDef d) {
        if (!d.notNull()) {
            return "";
        }
        if (!ctx.serverVersion().atLeast(12)) {
            return "\n-- NOT NULL: on PostgreSQL " + ctx.serverVersion() + " SET NOT NULL always scans under"
                    + " AccessExclusiveLock; keep a validated CHECK (" + SafeRewrites.ident(d.name())
                    + " IS NOT NULL) instead (the first two of these steps) until 12+:\n"
                    + SafeRewrites.notNullSteps(table, d.name());
        }
        return "\n-- then make it NOT NULL without a long lock:\n" + SafeRewrites.notNullSteps(table, d.name());
    }

    /** The tokens inside {@code GENERATED ALWAYS AS ( ... )}. */
    private static List<Token> generationExpression(List<Token> tokens) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).is("AS") && tokens.get(i + 1).isSymbol("(")) {
                int depth = 0;
                for (int j = i + 1; j < tokens.size(); j++) {
                    depth += tokens.get(j).isSymbol("(") ? 1 : tokens.get(j).isSymbol(")") ? -1 : 0;
                    if (depth == 0) {
                        return tokens.subList(i + 2, j);
                    }
                }
            }
        }
        return List.of();
    }
}

package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ColumnDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;

/** PG-COL-06: a new column of type json; jsonb is what applications almost always want. */
public final class AddingJsonField implements Rule {

    private static final RuleInfo INFO = new RuleInfo("adding-json-field", Severity.WARNING,
            Set.of(Dialect.POSTGRESQL), "new column of type json (use jsonb)", false, RuleCategory.DESIGN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (ctx.shape() instanceof StatementShape.AlterTable alter) {
            for (AlterAction a : alter.actions()) {
                if (a.kind() == AlterAction.Kind.ADD_COLUMN && a.definition() != null) {
                    checkColumn(ctx, alter.table(), a.definition(), true);
                }
            }
        } else if (ctx.shape() instanceof StatementShape.CreateTable create) {
            for (ColumnDef d : create.columns()) {
                checkColumn(ctx, create.table(), d, false);
            }
        }
    }

    private static void checkColumn(StatementContext ctx, QualifiedName table, ColumnDef d, boolean added) {
        if (d.type() == null || !"json".equals(d.type().name())) {
            return;
        }
        String c = SafeRewrites.ident(d.name());
        String jsonb = "jsonb" + (d.type().array() ? "[]" : "");
        ctx.report(LockImpact.NONE, false, "Column " + c + " is json: it stores the text as written, is re-parsed on"
                        + " every access, cannot be indexed with GIN, and has no equality operator, so DISTINCT,"
                        + " GROUP BY and UNION over it fail. jsonb has none of these problems.",
                added ? "ALTER TABLE " + SafeRewrites.name(table) + " ADD COLUMN " + c + " " + jsonb + ";"
                        : "-- in CREATE TABLE " + SafeRewrites.name(table) + ": " + c + " " + jsonb);
    }
}

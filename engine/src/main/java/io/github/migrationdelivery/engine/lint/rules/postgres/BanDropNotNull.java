package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lint.rules.common.ExistingTableActions;
import io.github.migrationdelivery.engine.lint.rules.common.StatementText;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;

/** ALTER COLUMN ... DROP NOT NULL on an existing table: readers that assume a value get NULLs. */
public final class BanDropNotNull implements Rule {

    private static final RuleInfo INFO = new RuleInfo("ban-drop-not-null", Severity.WARNING, Set.of(Dialect.POSTGRESQL),
            "DROP NOT NULL lets NULLs reach readers that assume a value", false, RuleCategory.COMPATIBILITY);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        for (AlterAction a : ExistingTableActions.of(ctx, AlterAction.Kind.DROP_NOT_NULL)) {
            StatementShape.AlterTable alter = (StatementShape.AlterTable) ctx.shape();
            String t = StatementText.name(alter.table(), ctx.dialect());
            String c = StatementText.name(a.column(), ctx.dialect());
            ctx.report("After DROP NOT NULL, " + alter.table() + "." + a.column() + " can hold NULL: code, reports and "
                            + "other services that read it as always set (primitive fields, joins, sums) break on the "
                            + "first NULL, and restoring NOT NULL later needs a full-table scan.",
                    "-- Keep NOT NULL and give new rows a value instead:\n"
                            + "ALTER TABLE " + t + " ALTER COLUMN " + c + " SET DEFAULT <value>;\n"
                            + "-- If this is the first step of removing the column (the next release stops writing it),\n"
                            + "-- it is the right step: -- md:allow ban-drop-not-null <column is being retired>");
        }
    }
}

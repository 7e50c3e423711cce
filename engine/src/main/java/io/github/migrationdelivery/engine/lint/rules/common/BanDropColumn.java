package io.github.migrationdelivery.engine.lint.rules.common;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;

/** DROP COLUMN on an existing table: the data is gone and the running release still uses the column. */
public final class BanDropColumn implements Rule {

    private static final RuleInfo INFO = new RuleInfo("ban-drop-column", Severity.ERROR, Set.of(Dialect.values()),
            "DROP COLUMN on an existing table deletes its data and breaks the release still using it", false, RuleCategory.DESTRUCTIVE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        for (AlterAction a : ExistingTableActions.of(ctx, AlterAction.Kind.DROP_COLUMN)) {
            StatementShape.AlterTable alter = (StatementShape.AlterTable) ctx.shape();
            String column = alter.table() + "." + a.column();
            ctx.report("Dropping " + column + " deletes its data for good (no rollback migration can bring it back) and "
                            + "breaks the release that is running now: its INSERTs and SELECTs naming " + a.column()
                            + " fail, and ORMs that map every column fail on load. Drop a column only after a "
                            + "release has stopped using it, with its data captured first.",
                    ExpandContract.dropColumn(ctx.dialect(), alter.table(), a.column()));
        }
    }
}

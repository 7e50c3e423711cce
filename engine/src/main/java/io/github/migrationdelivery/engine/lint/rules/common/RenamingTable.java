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

/**
 * ALTER TABLE ... RENAME TO and MySQL RENAME TABLE, on an existing table. Renaming to a
 * {@code *_deprecated*} name is the parking step ban-drop-table recommends for a table the
 * application no longer uses, and is not reported.
 */
public final class RenamingTable implements Rule {

    private static final RuleInfo INFO = new RuleInfo("renaming-table", Severity.ERROR, Set.of(Dialect.values()),
            "Renaming a table breaks the release that still uses the old name", false, RuleCategory.COMPATIBILITY);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        for (AlterAction a : ExistingTableActions.matching(ctx, a -> a.kind() == AlterAction.Kind.RENAME_TABLE
                && !a.name().isEmpty() && !a.name().contains("_deprecated"))) {
            StatementShape.AlterTable alter = (StatementShape.AlterTable) ctx.shape();
            ctx.report("Renaming " + alter.table() + " to " + a.name() + " is instant, but every query of the "
                            + "release running now names " + alter.table().name()
                            + " and fails from the moment the migration commits.",
                    ExpandContract.renameTable(ctx.dialect(), alter.table(), a.name()));
        }
    }
}

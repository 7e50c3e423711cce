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
 * ALTER TABLE ... RENAME COLUMN on an existing table. MySQL's {@code CHANGE old new} also renames;
 * the MySQL rules report that form.
 */
public final class RenamingColumn implements Rule {

    private static final RuleInfo INFO = new RuleInfo("renaming-column", Severity.ERROR, Set.of(Dialect.values()),
            "RENAME COLUMN breaks the release that still uses the old name", false, RuleCategory.COMPATIBILITY);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        for (AlterAction a : ExistingTableActions.of(ctx, AlterAction.Kind.RENAME_COLUMN)) {
            StatementShape.AlterTable alter = (StatementShape.AlterTable) ctx.shape();
            ctx.report("Renaming " + alter.table() + "." + a.column() + " to " + a.name() + " is instant, but the "
                            + "release running now still reads and writes " + a.column()
                            + ": its queries fail from the moment the migration commits until the new release is "
                            + "everywhere (and a rollback of the application breaks again).",
                    ExpandContract.renameColumn(ctx.dialect(), alter.table(), a.column(), a.name(),
                            ctx.state().columnType(alter.table(), a.column())));
        }
    }
}

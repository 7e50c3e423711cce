package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;

/**
 * A rule about single ALTER TABLE actions on a table that existed before the plan: a table
 * created earlier in the plan holds no production rows, so its locks and rewrites cost nothing.
 */
abstract class ExistingTableAction implements Rule {

    private final RuleInfo info;

    ExistingTableAction(RuleInfo info) {
        this.info = info;
    }

    @Override
    public final RuleInfo info() {
        return info;
    }

    @Override
    public final void check(StatementContext ctx) {
        if (ctx.shape() instanceof StatementShape.AlterTable alter && !ctx.state().createdInPlan(alter.table())) {
            for (AlterAction action : alter.actions()) {
                check(ctx, alter.table(), action);
            }
        }
    }

    /** Looks at one action of an ALTER TABLE on {@code table}. */
    abstract void check(StatementContext ctx, QualifiedName table, AlterAction a);
}

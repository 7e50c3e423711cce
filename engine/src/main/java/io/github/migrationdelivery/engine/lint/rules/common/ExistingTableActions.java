package io.github.migrationdelivery.engine.lint.rules.common;

import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.List;
import java.util.function.Predicate;

/**
 * The ALTER TABLE actions of one kind on a table that exists outside this plan: the actions the
 * compatibility rules judge. A table created earlier in the plan has no clients and no data yet.
 */
public final class ExistingTableActions {

    private ExistingTableActions() {
    }

    public static List<AlterAction> of(StatementContext ctx, AlterAction.Kind kind) {
        return matching(ctx, a -> a.kind() == kind);
    }

    public static List<AlterAction> matching(StatementContext ctx, Predicate<AlterAction> which) {
        if (!(ctx.shape() instanceof StatementShape.AlterTable alter) || ctx.state().createdInPlan(alter.table())) {
            return List.of();
        }
        return alter.actions().stream().filter(which).toList();
    }
}

package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Statement;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * PG-TX-06: several ALTER TABLE statements on one table in one transaction. One statement with
 * several actions queues for the lock once and rewrites or scans the table at most once.
 * ALTERs that one Liquibase change generated (a multi-column {@code addColumn} is one per column)
 * do not count against each other: the author wrote one change and cannot merge them.
 */
public final class CombineAlterTable implements Rule {

    private static final RuleInfo INFO = new RuleInfo("combine-alter-table", Severity.INFO,
            Set.of(Dialect.POSTGRESQL), "several ALTER TABLE statements on one table in one transaction", false, RuleCategory.LOCKING);

    // Actions PostgreSQL does not allow next to others in one ALTER TABLE, or that should stay apart.
    private static final Set<AlterAction.Kind> ALONE = Set.of(AlterAction.Kind.RENAME_COLUMN,
            AlterAction.Kind.RENAME_TABLE, AlterAction.Kind.RENAME_CONSTRAINT, AlterAction.Kind.RENAME_INDEX,
            AlterAction.Kind.SET_SCHEMA, AlterAction.Kind.ATTACH_PARTITION, AlterAction.Kind.DETACH_PARTITION,
            // VALIDATE belongs in a transaction of its own, not merged into the ADD.
            AlterAction.Kind.VALIDATE_CONSTRAINT);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof StatementShape.AlterTable alter) || ctx.state().createdInPlan(alter.table())) {
            return;
        }
        int earlier = ctx.state().alterTableCountInTransaction(alter.table());
        if (earlier == 0 || sameChangeAlteredEarlier(ctx, alter)) {
            return; // the change was judged at its first ALTER: one finding per change the author wrote
        }
        List<String> actions = new ArrayList<>();
        for (AlterAction a : alter.actions()) {
            if (ALONE.contains(a.kind())) {
                return;
            }
            actions.add(SafeRewrites.render(SafeRewrites.withoutSemicolon(a.tokens())));
        }
        String t = SafeRewrites.name(alter.table());
        ctx.report("This is ALTER TABLE number " + (earlier + 1)
                        + " on " + t + " in this transaction: as one statement with several actions it takes the"
                        + " lock once and scans or rewrites " + t + " at most once.",
                (ctx.statement().generatedBy() == Statement.WRITTEN ? ""
                        : "-- Liquibase generates one ALTER TABLE per change (per column for addColumn): write the changes as one <sql> change\n")
                        + "-- merge into the earlier ALTER TABLE " + t + ", separating the actions with commas:\n"
                        + "ALTER TABLE " + t + "\n    <earlier actions>,\n    " + String.join(",\n    ", actions) + ";");
    }

    /** True when the Liquibase change that generated this statement also generated an earlier ALTER of the table. */
    private static boolean sameChangeAlteredEarlier(StatementContext ctx, StatementShape.AlterTable alter) {
        List<Statement> statements = ctx.changeset().statements();
        for (int i = 0; i < ctx.state().statementIndex(); i++) {
            if (statements.get(i).sameGeneratingChange(ctx.statement())
                    && ctx.changesetShapes().get(i) instanceof StatementShape.AlterTable other
                    && other.table().sameObject(alter.table())) {
                return true;
            }
        }
        return false;
    }
}

package io.github.migrationdelivery.engine.lint.rules.common;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.StatementShape.Dml;

import java.util.Set;

/**
 * UPDATE or DELETE of an existing table in a changeset that also changes the schema. A changeset
 * holding only the data change is the separate backfill this rule asks for, and passes.
 */
public final class BackfillInMigration implements Rule {

    private static final RuleInfo INFO = new RuleInfo("backfill-in-migration", Severity.WARNING, Set.of(Dialect.values()),
            "Data backfill (UPDATE/DELETE) inside a schema-change migration", false, RuleCategory.TRANSACTION);

    private static final Set<String> AFTER_WHERE = Set.of("RETURNING", "ORDER", "LIMIT");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof Dml dml) || dml.table() == null
                || dml.kind() != Dml.Kind.UPDATE && dml.kind() != Dml.Kind.DELETE
                || ctx.state().createdInPlan(dml.table())
                || ChangesetShapes.all(ctx).stream().noneMatch(ChangesetShapes::isDdl)) {
            return;
        }
        String verb = dml.kind() == Dml.Kind.DELETE ? "DELETE on " : "UPDATE of ";
        String why = ctx.dialect().isMysqlFamily()
                ? "The schema changes around it commit implicitly, so if the data change fails the changeset is left "
                        + "half applied; one big statement holds row locks until it ends, fills the undo log and the "
                        + "binlog at once, and replicas apply it as one long event (replica lag)."
                : ctx.state().inTransaction()
                        ? "It runs in the same transaction as the DDL: the DDL's locks stay held for as long as the "
                                + "data change runs, each changed row stays locked until commit, the WAL burst makes "
                                + "replicas fall behind, and a failure rolls back the schema change too."
                        : "One big statement holds row locks until it ends, writes a WAL burst that makes replicas fall "
                                + "behind, and cannot be paused or resumed.";
        ctx.report(verb + dml.table() + " in a schema-change migration. " + why
                        + " Data changes belong in a separate, batched and throttled backfill.",
                ExpandContract.batches(ctx.dialect(), dml.kind(), dml.table(), BanUnboundedDml.setClause(ctx),
                        StatementText.of(ctx, StatementText.clause(ctx.tokens(), "WHERE", AFTER_WHERE))));
    }
}

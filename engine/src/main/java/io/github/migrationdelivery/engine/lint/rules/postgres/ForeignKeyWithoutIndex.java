package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.PlanState;
import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ColumnDef;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * PG-IDX-07: a foreign key whose referencing columns no index leads with. PostgreSQL (unlike
 * InnoDB) does not create one, so every DELETE or key UPDATE on the parent scans the child. An
 * index created anywhere in the plan counts, a later changeset included: the finding is settled
 * at the end of the plan. The indexes of a table that existed before the plan are unknown, and
 * the finding says so.
 */
public final class ForeignKeyWithoutIndex implements Rule {

    private static final RuleInfo INFO = new RuleInfo("foreign-key-without-index", Severity.WARNING,
            Set.of(Dialect.POSTGRESQL), "foreign key whose referencing columns no index of the plan leads with",
            false, RuleCategory.DESIGN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (ctx.shape() instanceof StatementShape.CreateTable ct) {
            for (ColumnDef col : ct.columns()) {
                if (col.references()) {
                    report(ctx, ct.table(), List.of(col.name()), null, true);
                }
            }
            for (ConstraintDef c : ct.constraints()) {
                if (c.type() == ConstraintDef.Type.FOREIGN_KEY && !c.columns().isEmpty()) {
                    report(ctx, ct.table(), c.columns(), c.referencedTable(), true);
                }
            }
        } else if (ctx.shape() instanceof StatementShape.AlterTable alter) {
            boolean created = ctx.state().createdInPlan(alter.table());
            for (AlterAction a : alter.actions()) {
                ConstraintDef c = a.constraint();
                if (a.kind() == AlterAction.Kind.ADD_CONSTRAINT && c != null
                        && c.type() == ConstraintDef.Type.FOREIGN_KEY && !c.columns().isEmpty()) {
                    report(ctx, alter.table(), c.columns(), c.referencedTable(), created);
                } else if (a.kind() == AlterAction.Kind.ADD_COLUMN && a.definition() != null && a.definition().references()) {
                    report(ctx, alter.table(), List.of(a.definition().name()), null, created);
                }
            }
        }
    }

    private static void report(StatementContext ctx, QualifiedName table, List<String> columns, QualifiedName parent,
                               boolean createdInPlan) {
        String t = SafeRewrites.name(table);
        String cols = SafeRewrites.columns(columns);
        String p = parent == null ? "the referenced table" : SafeRewrites.name(parent);
        String indexName = SafeRewrites.ident(SafeRewrites.derivedName(table, String.join("_", columns), "idx"));
        String message = "No index of " + ctx.settings().tableRows().label(table, t) + " in this plan starts with (" + cols + "), and PostgreSQL does not create"
                + " one for a foreign key: every DELETE on " + p + ", and every UPDATE of its key, scans " + t
                + " for referencing rows while it holds its locks, so deletes on " + p + " slow down as " + t
                + " grows and block the writers queued behind them (ON DELETE CASCADE/SET NULL too)."
                + (createdInPlan ? "" : " " + t + " existed before the plan and the linter does not know the indexes it"
                + " already has: if one starts with (" + cols + "), allow this finding with that as the reason.");
        String rewrite = createdInPlan
                ? "-- " + t + " is new and empty: index it in the same changeset\nCREATE INDEX " + indexName + " ON " + t
                + " (" + cols + ");"
                : SafeRewrites.outsideTransactionNote(ctx.changeset())
                + SafeRewrites.createIndexConcurrently(false, indexName, table, columns) + "\n"
                + SafeRewrites.invalidIndexNote(indexName);
        ctx.reportUnlessSettled(end -> indexed(end, table, columns), INFO.defaultSeverity(), ctx.lock(), false,
                message, rewrite);
    }

    /** True when an index of the table, at the end of the plan, has the columns as its leading columns (in any order). */
    private static boolean indexed(PlanState end, QualifiedName table, List<String> columns) {
        Set<String> wanted = new HashSet<>(columns);
        for (ConstraintDef index : end.indexes(table)) {
            if (index.columns().size() >= columns.size()
                    && new HashSet<>(index.columns().subList(0, columns.size())).equals(wanted)) {
                return true;
            }
        }
        return false;
    }
}

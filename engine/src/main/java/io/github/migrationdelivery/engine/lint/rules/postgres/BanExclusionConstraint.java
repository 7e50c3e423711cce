package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.lock.PostgresLocks;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.ConstraintDef;

import java.util.Set;

/** PG-CON-06: ADD ... EXCLUDE on a table that holds rows; there is no NOT VALID or USING INDEX path. */
public final class BanExclusionConstraint extends ExistingTableAction {

    private static final RuleInfo INFO = new RuleInfo("ban-exclusion-constraint", Severity.ERROR,
            Set.of(Dialect.POSTGRESQL), "exclusion constraint added to an existing table", false, RuleCategory.LOCKING);

    public BanExclusionConstraint() {
        super(INFO);
    }

    @Override
    void check(StatementContext ctx, QualifiedName table, AlterAction a) {
        if (a.kind() != AlterAction.Kind.ADD_CONSTRAINT || a.constraint() == null
                || a.constraint().type() != ConstraintDef.Type.EXCLUDE) {
            return;
        }
        LockImpact lock = PostgresLocks.of(a).impact();
        String t = SafeRewrites.name(table);
        ctx.report(lock, false, "ADD ... EXCLUDE builds its index and checks every row of " + t + " while holding "
                        + lock.lockMode() + ": all reads and writes of " + t + " wait for the whole build. Exclusion"
                        + " constraints cannot be added NOT VALID nor attached USING INDEX, so there is no online way.",
                "-- there is no online path; choose one:\n"
                        + "-- a) a maintenance window, with a lock timeout so the wait cannot queue all traffic:\n"
                        + "SET lock_timeout = '2s';\n"
                        + "ALTER TABLE " + t + " " + SafeRewrites.render(SafeRewrites.withoutSemicolon(a.tokens())) + ";\n"
                        + "-- b) a new table with the constraint, filled in batches and kept in sync by a trigger,"
                        + " swapped in by renaming in one short transaction\n"
                        + "-- then: -- md:allow ban-exclusion-constraint <who approved the window and why>");
    }
}

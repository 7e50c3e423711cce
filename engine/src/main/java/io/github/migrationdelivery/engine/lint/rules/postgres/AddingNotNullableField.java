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

import java.util.Set;

/**
 * PG-CON-07: ALTER COLUMN ... SET NOT NULL on a table that holds rows scans it under
 * AccessExclusiveLock, unless (PostgreSQL 12+) a validated {@code CHECK (col IS NOT NULL)} proves
 * the column has no NULLs.
 */
public final class AddingNotNullableField extends ExistingTableAction {

    private static final RuleInfo INFO = new RuleInfo("adding-not-nullable-field", Severity.ERROR,
            Set.of(Dialect.POSTGRESQL), "ALTER COLUMN SET NOT NULL on an existing table (full scan under AccessExclusiveLock)", false, RuleCategory.LOCKING);

    public AddingNotNullableField() {
        super(INFO);
    }

    @Override
    void check(StatementContext ctx, QualifiedName table, AlterAction a) {
        boolean checkUsable = ctx.serverVersion().atLeast(12);
        if (a.kind() != AlterAction.Kind.SET_NOT_NULL
                || checkUsable && ctx.state().hasValidatedNotNullCheck(table, a.column())) {
            return;
        }
        String t = SafeRewrites.name(table);
        String c = SafeRewrites.ident(a.column());
        LockImpact lock = PostgresLocks.of(a).impact();
        String why = "SET NOT NULL reads every row of " + t + " to prove " + c + " has no NULLs while holding "
                + lock.lockMode() + ": every read and write of " + t + " waits for the whole table scan.";
        if (!checkUsable) {
            ctx.report(lock, false, why + " On PostgreSQL " + ctx.serverVersion()
                            + " (before 12) the scan is unavoidable: SET NOT NULL cannot use a CHECK constraint.",
                    "-- keep the guarantee as a validated CHECK instead of SET NOT NULL (no long lock):\n"
                            + "ALTER TABLE " + t + " ADD CONSTRAINT "
                            + SafeRewrites.ident(SafeRewrites.derivedName(table, a.column(), "not_null"))
                            + " CHECK (" + c + " IS NOT NULL) NOT VALID;\n"
                            + SafeRewrites.validateLater(table,
                                    SafeRewrites.ident(SafeRewrites.derivedName(table, a.column(), "not_null")))
                            + "\n-- and switch to SET NOT NULL after upgrading to 12+, or run it in a maintenance window");
            return;
        }
        ctx.report(lock, false, why,
                "-- a validated CHECK (" + c + " IS NOT NULL) lets SET NOT NULL skip the scan (PostgreSQL 12+):\n"
                        + SafeRewrites.notNullSteps(table, a.column()));
    }
}

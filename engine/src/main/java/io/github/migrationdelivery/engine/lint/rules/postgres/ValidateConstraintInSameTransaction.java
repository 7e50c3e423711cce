package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.lock.PgLockMode;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.QualifiedName;

import java.util.Set;

/**
 * PG-CON-03: VALIDATE CONSTRAINT in the same transaction as the ADD ... NOT VALID. The ADD's
 * lock is held until COMMIT, so the validation scan runs under it and NOT VALID gained nothing.
 */
public final class ValidateConstraintInSameTransaction extends ExistingTableAction {

    private static final RuleInfo INFO = new RuleInfo("validate-constraint-in-same-transaction", Severity.ERROR,
            Set.of(Dialect.POSTGRESQL), "VALIDATE CONSTRAINT in the same transaction as its ADD ... NOT VALID", false, RuleCategory.LOCKING);

    public ValidateConstraintInSameTransaction() {
        super(INFO);
    }

    @Override
    void check(StatementContext ctx, QualifiedName table, AlterAction a) {
        if (a.kind() != AlterAction.Kind.VALIDATE_CONSTRAINT
                || !ctx.state().addedNotValidInTransaction(table, a.name())) {
            return;
        }
        String t = SafeRewrites.name(table);
        // The lock still held is the ADD's: AccessExclusiveLock for a CHECK, ShareRowExclusiveLock for a foreign key.
        LockImpact held = (ctx.state().accessExclusiveHeld(table)
                ? PgLockMode.ACCESS_EXCLUSIVE : PgLockMode.SHARE_ROW_EXCLUSIVE).impact();
        ctx.report(held, false, "VALIDATE CONSTRAINT " + SafeRewrites.ident(a.name())
                        + " runs in the same transaction that added it NOT VALID, so the " + held.lockMode()
                        + " taken by the ADD is still held: the validation scan of " + t + " blocks "
                        + held.blockedSummary() + " for its whole length, as if NOT VALID had not been used.",
                "-- commit the ADD CONSTRAINT ... NOT VALID first; validate in " + "a separate changeset:\n"
                        + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + SafeRewrites.ident(a.name()) + ";");
    }
}

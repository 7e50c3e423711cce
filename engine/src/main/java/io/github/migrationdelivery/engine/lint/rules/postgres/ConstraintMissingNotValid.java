package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.lock.PostgresLocks;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;

/** PG-CON-01: ADD CONSTRAINT ... CHECK without NOT VALID on a table that already holds rows. */
public final class ConstraintMissingNotValid implements Rule {

    private static final RuleInfo INFO = new RuleInfo("constraint-missing-not-valid", Severity.ERROR,
            Set.of(Dialect.POSTGRESQL), "ADD CONSTRAINT CHECK without NOT VALID on an existing table", false);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof StatementShape.AlterTable alter) || ctx.state().createdInPlan(alter.table())) {
            return;
        }
        for (AlterAction a : alter.actions()) {
            ConstraintDef c = a.constraint();
            if (a.kind() != AlterAction.Kind.ADD_CONSTRAINT || c == null || c.type() != ConstraintDef.Type.CHECK
                    || c.notValid()) {
                continue;
            }
            String table = SafeRewrites.name(alter.table());
            String name = SafeRewrites.constraintName(alter.table(), c);
            LockImpact lock = PostgresLocks.of(a).impact();
            ctx.report(lock, false, "ADD CONSTRAINT ... CHECK checks every existing row of " + table + " while holding "
                            + lock.lockMode() + ": all reads and writes of " + table
                            + " wait for the whole table scan.",
                    "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " CHECK ("
                            + SafeRewrites.render(c.expression()) + ") NOT VALID;\n"
                            + "-- NOT VALID takes the lock only for a moment and checks new and updated rows from then on\n"
                            + SafeRewrites.validateLater(alter.table(), name));
        }
    }
}

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

/** PG-CON-01: ADD CONSTRAINT ... CHECK without NOT VALID on a table that already holds rows. */
public final class ConstraintMissingNotValid extends ExistingTableAction {

    private static final RuleInfo INFO = new RuleInfo("constraint-missing-not-valid", Severity.ERROR,
            Set.of(Dialect.POSTGRESQL), "ADD CONSTRAINT CHECK without NOT VALID on an existing table", false, RuleCategory.LOCKING);

    public ConstraintMissingNotValid() {
        super(INFO);
    }

    @Override
    void check(StatementContext ctx, QualifiedName table, AlterAction a) {
        ConstraintDef c = a.constraint();
        if (a.kind() != AlterAction.Kind.ADD_CONSTRAINT || c == null || c.type() != ConstraintDef.Type.CHECK
                || c.notValid()) {
            return;
        }
        String t = SafeRewrites.name(table);
        String name = SafeRewrites.constraintName(table, c);
        LockImpact lock = PostgresLocks.of(a).impact();
        ctx.report(lock, false, "ADD CONSTRAINT ... CHECK checks every existing row of " + t + " while holding "
                        + lock.lockMode() + ": all reads and writes of " + t
                        + " wait for the whole table scan.",
                "ALTER TABLE " + t + " ADD CONSTRAINT " + name + " CHECK ("
                        + SafeRewrites.render(c.expression()) + ") NOT VALID;\n"
                        + "-- NOT VALID takes the lock only for a moment and checks new and updated rows from then on\n"
                        + SafeRewrites.validateLater(table, name));
    }
}

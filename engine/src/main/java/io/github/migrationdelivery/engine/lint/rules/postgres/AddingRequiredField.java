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
import io.github.migrationdelivery.engine.sql.ColumnDef;

import java.util.Set;

/** PG-COL-02: ADD COLUMN ... NOT NULL without a DEFAULT on a table that holds rows. */
public final class AddingRequiredField extends ExistingTableAction {

    private static final RuleInfo INFO = new RuleInfo("adding-required-field", Severity.ERROR,
            Set.of(Dialect.POSTGRESQL), "ADD COLUMN NOT NULL without DEFAULT on an existing table", false, RuleCategory.COMPATIBILITY);

    public AddingRequiredField() {
        super(INFO);
    }

    @Override
    void check(StatementContext ctx, QualifiedName table, AlterAction a) {
        ColumnDef d = a.definition();
        // serial, identity and generated columns fill themselves (other rules judge their rewrite).
        if (a.kind() != AlterAction.Kind.ADD_COLUMN || d == null || !d.notNull() || d.hasDefault()
                || d.serial() || d.identity() || d.generatedStored()) {
            return;
        }
        String t = SafeRewrites.name(table);
        String c = SafeRewrites.ident(d.name());
        LockImpact lock = PostgresLocks.of(a).impact();
        String constantDefault = ctx.serverVersion().atLeast(11)
                ? "-- either: a constant default (PostgreSQL 11+: no rewrite, old INSERTs keep working):\n"
                        + "ALTER TABLE " + t + " ADD COLUMN " + c + " " + d.type().text() + " NOT NULL DEFAULT <constant>;\n"
                        + "-- or: nullable first, backfill, then NOT NULL:\n"
                : "";
        ctx.report(lock, false, "ADD COLUMN " + c + " ... NOT NULL without a DEFAULT fails with \"column contains"
                        + " null values\" as soon as " + t + " has a row, and once it is in place every INSERT from"
                        + " the running application version that does not name " + c + " fails.",
                constantDefault
                        + "ALTER TABLE " + t + " ADD COLUMN " + c + " " + d.type().text() + ";\n"
                        + SafeRewrites.batchedBackfill(table, d.name(), "<value>") + "\n"
                        + "-- after every application version writes " + c + ":\n"
                        + SafeRewrites.notNullSteps(table, d.name()));
    }
}

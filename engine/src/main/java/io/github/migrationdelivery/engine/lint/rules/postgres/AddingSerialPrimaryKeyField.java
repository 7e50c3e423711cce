package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.lock.PostgresLocks;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ColumnDef;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;

import java.util.List;
import java.util.Set;

/**
 * PG-CON-05 (and the serial/identity part of PG-COL-03): ADD PRIMARY KEY without USING INDEX on a
 * table that holds rows, and ADD COLUMN ... serial / GENERATED AS IDENTITY / PRIMARY KEY there.
 */
public final class AddingSerialPrimaryKeyField extends ExistingTableAction {

    private static final RuleInfo INFO = new RuleInfo("adding-serial-primary-key-field", Severity.ERROR,
            Set.of(Dialect.POSTGRESQL), "primary key or serial/identity column added to an existing table", false, RuleCategory.LOCKING);

    public AddingSerialPrimaryKeyField() {
        super(INFO);
    }

    @Override
    void check(StatementContext ctx, QualifiedName table, AlterAction a) {
        ConstraintDef c = a.constraint();
        if (a.kind() == AlterAction.Kind.ADD_CONSTRAINT && c != null && c.type() == ConstraintDef.Type.PRIMARY_KEY
                && c.usingIndex().isEmpty()) {
            primaryKey(ctx, table, a, c);
        } else if (a.kind() == AlterAction.Kind.ADD_COLUMN && a.definition() != null) {
            ColumnDef d = a.definition();
            if (d.serial() || d.identity() || d.primaryKey()) {
                column(ctx, table, a, d);
            }
        }
    }

    private static void primaryKey(StatementContext ctx, QualifiedName table, AlterAction a, ConstraintDef c) {
        LockImpact lock = PostgresLocks.of(a).impact();
        String t = SafeRewrites.name(table);
        ctx.report(lock, false, "ADD PRIMARY KEY builds a unique index by reading all of " + t
                        + " and, for columns not yet NOT NULL, scans it again, all while holding " + lock.lockMode()
                        + ": every read and write of " + t + " waits until it is done.",
                DisallowedUniqueConstraint.uniqueUsingIndex(ctx.changeset(), table,
                        SafeRewrites.constraintName(table, c), c.columns(), "PRIMARY KEY",
                        notNullFirst(ctx, table, c.columns())));
    }

    /** The NOT NULL steps for key columns that are not known to be NOT NULL already (PRIMARY KEY would scan for them). */
    private static String notNullFirst(StatementContext ctx, QualifiedName table, List<String> columns) {
        StringBuilder b = new StringBuilder();
        for (String column : columns) {
            if (ctx.serverVersion().atLeast(12) && !ctx.state().hasValidatedNotNullCheck(table, column)) {
                b.append("-- make ").append(SafeRewrites.ident(column))
                        .append(" NOT NULL without a long lock (skip if it is NOT NULL already):\n")
                        .append(SafeRewrites.notNullSteps(table, column)).append('\n');
            }
        }
        return b.toString();
    }

    private static void column(StatementContext ctx, QualifiedName table, AlterAction a, ColumnDef d) {
        LockImpact lock = PostgresLocks.of(a).impact();
        String t = SafeRewrites.name(table);
        String c = SafeRewrites.ident(d.name());
        boolean generatesValues = d.serial() || d.identity();
        String what = d.serial() ? "a " + d.type().name() + " column" : d.identity() ? "an identity column" : "a primary key column";
        String why = generatesValues
                ? "Adding " + what + " fills a new value into every existing row: PostgreSQL rewrites all of " + t
                        + " under " + lock.lockMode() + ", and every read and write waits for the whole rewrite."
                : "Adding a primary key column fails on a table with rows (the new column is NULL in all of them)"
                        + " and otherwise builds its index under " + lock.lockMode() + ", blocking reads and writes.";
        String type = switch (d.type().name()) {
            case "serial" -> "integer";
            case "bigserial" -> "bigint";
            case "smallserial" -> "smallint";
            default -> d.type().text();
        };
        StringBuilder fix = new StringBuilder();
        fix.append("ALTER TABLE ").append(t).append(" ADD COLUMN ").append(c).append(' ').append(type).append(";\n");
        String value = "<value>";
        if (generatesValues) {
            String sequence = SafeRewrites.ident(SafeRewrites.derivedName(table, d.name(), "seq"));
            value = "nextval('" + sequence + "')";
            fix.append("CREATE SEQUENCE ").append(sequence).append(" AS ").append(type)
                    .append(" OWNED BY ").append(t).append('.').append(c).append(";\n")
                    .append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(c)
                    .append(" SET DEFAULT ").append(value).append(";\n");
        }
        fix.append(SafeRewrites.batchedBackfill(table, d.name(), value)).append('\n');
        if (d.primaryKey()) {
            fix.append(DisallowedUniqueConstraint.uniqueUsingIndex(ctx.changeset(), table,
                    SafeRewrites.ident(SafeRewrites.derivedName(table, "pkey")), List.of(d.name()), "PRIMARY KEY",
                    SafeRewrites.notNullSteps(table, d.name()) + "\n"));
        } else {
            fix.append(SafeRewrites.notNullSteps(table, d.name()));
        }
        ctx.report(lock, generatesValues, why, fix.toString());
    }
}

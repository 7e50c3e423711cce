package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.List;
import java.util.Set;

/**
 * PG-TYPE-06: a new enum type. Opt-in: teams choose enums on purpose; the rule is there for the
 * ones that would rather keep the list of values as data.
 */
public final class PreferLookupTableOverEnum implements Rule {

    private static final RuleInfo INFO = new RuleInfo("prefer-lookup-table-over-enum", Severity.INFO,
            Set.of(Dialect.POSTGRESQL), "CREATE TYPE ... AS ENUM (a lookup table or a CHECK is easier to change)", true,
            RuleCategory.DESIGN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof StatementShape.CreateType ct) || !ct.enumType()) {
            return;
        }
        List<String> labels = EnumValues.in(ctx.tokens());
        String values = labels.isEmpty() ? "'<value>'" : String.join(", ", labels);
        String type = SafeRewrites.name(ct.type());
        String table = SafeRewrites.name(new QualifiedName(ct.type().schema(), plural(ct.type().name())));
        ctx.report(LockImpact.NONE, false, "Enum " + type + " fixes its values in the type: they can only be added"
                        + " (ALTER TYPE ... ADD VALUE); removing or reordering one means a new type and a rewrite of every"
                        + " table that uses it, and " + (ctx.serverVersion().atLeast(12)
                        ? "a value added in a transaction cannot be used before it commits."
                        : "before PostgreSQL 12 ADD VALUE cannot run inside a transaction block.")
                        + " A lookup table or a CHECK keeps the list as data or as a constraint you can replace.",
                "-- a lookup table; columns reference it with a foreign key:\n"
                        + "CREATE TABLE " + table + " (value text PRIMARY KEY);\n"
                        + "INSERT INTO " + table + " (value) VALUES " + String.join(", ",
                        (labels.isEmpty() ? List.of("'<value>'") : labels).stream().map(l -> "(" + l + ")").toList()) + ";\n"
                        + "-- e.g. ALTER TABLE <table> ADD COLUMN <column> text REFERENCES " + table + " (value);\n"
                        + "-- or a text column with a CHECK, added NOT VALID and validated in a later transaction:\n"
                        + "-- ALTER TABLE <table> ADD CONSTRAINT <table>_<column>_check CHECK (<column> IN (" + values + ")) NOT VALID;\n"
                        + "-- ALTER TABLE <table> VALIDATE CONSTRAINT <table>_<column>_check;");
    }

    /** The lookup table's name: the type's, in the plural ({@code order_status} gives {@code order_statuses}). */
    private static String plural(String name) {
        return name + (name.endsWith("s") || name.endsWith("x") ? "es" : "s");
    }
}

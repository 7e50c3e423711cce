package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ColumnDef;
import io.github.migrationdelivery.engine.sql.TypeRef;

import java.util.Set;

/** MY-COL-05: existing rows silently get the implicit default of the type (0, empty string, zero date), and old application INSERTs fail in strict mode. */
public final class MysqlNotNullWithoutDefault implements Rule {

    private static final RuleInfo INFO = new RuleInfo("mysql-not-null-without-default", Severity.WARNING, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "ADD COLUMN NOT NULL without DEFAULT on an existing table (implicit zero value for every existing row)", false, RuleCategory.COMPATIBILITY);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        OnlineDdl.alterOfExistingTable(ctx).ifPresent(alter -> {
            for (AlterAction a : alter.actions()) {
                ColumnDef d = a.definition();
                if (a.kind() != AlterAction.Kind.ADD_COLUMN || d == null || !d.notNull() || d.hasDefault()
                        || d.autoIncrement() || d.generatedStored() || d.primaryKey() || isGenerated(a)) {
                    continue;
                }
                String table = OnlineDdl.name(alter.table());
                String definition = OnlineDdl.definitionText(ctx, a);
                String fix = "ALTER TABLE " + table + " ADD COLUMN "
                        + definition.replaceFirst("(?i)NOT\\s+NULL", "NOT NULL DEFAULT " + zero(d.type())) + ", "
                        + OnlineDdl.onlineClauses(ctx, OnlineDdl.algorithm(ctx, alter, a)) + ";";
                ctx.report(OnlineDdl.impact(ctx, alter), false,
                        d.name() + " is added NOT NULL without a DEFAULT: every existing row of " + table + " silently gets"
                                + " the type's implicit value (0, '' or a zero date) that nobody chose, and INSERTs from"
                                + " application code that does not know the column yet fail in strict mode ('"
                                + d.name() + "' doesn't have a default value).", fix);
            }
        });
    }

    private static boolean isGenerated(AlterAction a) {
        return a.tokens().stream().anyMatch(t -> t.is("GENERATED") || t.is("VIRTUAL") || t.is("AS"));
    }

    private static String zero(TypeRef type) {
        String n = type == null ? "" : type.name().toLowerCase(java.util.Locale.ROOT);
        if (n.contains("int") || n.startsWith("decimal") || n.startsWith("numeric") || n.startsWith("float")
                || n.startsWith("double") || n.startsWith("bit") || n.startsWith("bool")) {
            return "0";
        }
        if (n.contains("char") || n.contains("text") || n.contains("binary") || n.contains("blob")) {
            return n.contains("text") || n.contains("blob") ? "('')" : "''";
        }
        return "<value>";
    }
}

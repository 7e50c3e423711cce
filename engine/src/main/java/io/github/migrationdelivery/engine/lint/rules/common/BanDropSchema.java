package io.github.migrationdelivery.engine.lint.rules.common;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;
import java.util.stream.Collectors;

/** DROP SCHEMA: every table in it goes (in MySQL/MariaDB a schema is a database). */
public final class BanDropSchema implements Rule {

    private static final RuleInfo INFO = new RuleInfo("ban-drop-schema", Severity.ERROR, Set.of(Dialect.values()),
            "DROP SCHEMA deletes every object and row in the schema", false, RuleCategory.DESTRUCTIVE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof StatementShape.Drop drop) || !"SCHEMA".equals(drop.objectType())) {
            return;
        }
        String names = drop.names().stream().map(QualifiedName::toString).collect(Collectors.joining(", "));
        if (ctx.dialect().isMysqlFamily()) {
            ctx.report("DROP SCHEMA " + names + " is DROP DATABASE in " + ctx.dialect().id() + ": every table in it and "
                            + "all their rows are deleted at once, and the DDL commits implicitly, so nothing rolls it back.",
                    "-- Retire the tables one by one in reviewed changesets (each gets its own ban-drop-table finding),\n"
                            + "-- after a full backup: mysqldump --single-transaction --databases " + names + "\n"
                            + "-- and drop the empty database as an operations task, not from a migration.");
            return;
        }
        ctx.report("DROP SCHEMA " + names + " deletes the schema" + (drop.cascade()
                        ? " and, with CASCADE, every table, view, function and row in it" : "")
                        + "; clients whose search_path or queries name it fail at once.",
                "-- Retire the objects one by one in reviewed changesets (each gets its own finding), back up first:\n"
                        + "--   pg_dump --format=custom --schema=" + names + " <database>\n"
                        + "-- or park it while you make sure nothing uses it:\n"
                        + "ALTER SCHEMA " + StatementText.name(drop.names().get(0), ctx.dialect()) + " RENAME TO "
                        + StatementText.name(drop.names().get(0).name() + "_deprecated_yyyymmdd", ctx.dialect()) + ";\n"
                        + "-- and drop it, without CASCADE, in a later release.");
    }
}

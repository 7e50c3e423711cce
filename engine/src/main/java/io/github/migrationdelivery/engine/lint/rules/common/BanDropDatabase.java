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

/** DROP DATABASE has no place in an application migration. */
public final class BanDropDatabase implements Rule {

    private static final RuleInfo INFO = new RuleInfo("ban-drop-database", Severity.ERROR, Set.of(Dialect.values()),
            "DROP DATABASE in a migration deletes a whole database", false, RuleCategory.DESTRUCTIVE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof StatementShape.Drop drop) || !"DATABASE".equals(drop.objectType())) {
            return;
        }
        String names = drop.names().stream().map(QualifiedName::toString).collect(Collectors.joining(", "));
        String backup = ctx.dialect().isMysqlFamily()
                ? "mysqldump --single-transaction --databases " + names
                : "pg_dump --format=custom " + names;
        ctx.report("DROP DATABASE " + names + " deletes every table and row in it at once and cannot be rolled back. "
                        + "A migration that runs in every environment should never do this.",
                "-- Remove it from the migration. Retiring a database is an operations task with a verified backup\n"
                        + "-- (" + backup + ") and a sign-off, not a step of an application release.");
    }
}

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

import java.util.Set;

/** Opt-in: CREATE TABLE / ALTER TABLE with an unqualified table name resolves through search_path. */
public final class RequireTableSchema implements Rule {

    private static final RuleInfo INFO = new RuleInfo("require-table-schema", Severity.WARNING, Set.of(Dialect.POSTGRESQL),
            "CREATE/ALTER TABLE with a table name not qualified by its schema", true, RuleCategory.DESIGN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        QualifiedName table;
        String verb;
        if (ctx.shape() instanceof StatementShape.CreateTable ct && !ct.temporary()) {
            table = ct.table();
            verb = "CREATE TABLE";
        } else if (ctx.shape() instanceof StatementShape.AlterTable at) {
            table = at.table();
            verb = "ALTER TABLE";
        } else {
            return;
        }
        if (table.qualified()) {
            return;
        }
        ctx.report(LockImpact.NONE, false, verb + " " + table + " names no schema, so the table is found (or created) "
                        + "through the session's search_path, which can differ between the migration user, environments "
                        + "and tools.",
                verb + " public." + table + " ...  -- or the schema the application uses");
    }
}

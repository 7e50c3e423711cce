package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lint.rules.common.StatementText;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;

/** ALTER SCHEMA ... RENAME TO: every qualified name and search_path in the running release breaks. */
public final class RenameSchema implements Rule {

    private static final RuleInfo INFO = new RuleInfo("rename-schema", Severity.ERROR, Set.of(Dialect.POSTGRESQL),
            "ALTER SCHEMA ... RENAME TO breaks every client naming the schema", false, RuleCategory.COMPATIBILITY);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof StatementShape.OtherDdl ddl) || !"ALTER".equals(ddl.verb())
                || !"SCHEMA".equals(ddl.objectType()) || !ddl.rename() || ddl.name() == null) {
            return;
        }
        String s = StatementText.name(ddl.name(), ctx.dialect());
        ctx.report(LockImpact.NONE, false, "Renaming schema " + ddl.name() + " is instant, but queries that qualify "
                        + "names with " + ddl.name().name() + ", search_path settings of roles and connection strings, "
                        + "and functions that reference it break from the moment it commits.",
                "-- Keep the schema name. If it must change, move objects while both names resolve:\n"
                        + "CREATE SCHEMA <new_schema>;\n"
                        + "-- the application connects with search_path = <new_schema>, " + s + "\n"
                        + "ALTER TABLE " + s + ".<table> SET SCHEMA <new_schema>;  -- one table per changeset, "
                        + "with SET lock_timeout\n"
                        + "-- once the release names only <new_schema> and " + s + " is empty:\n"
                        + "DROP SCHEMA " + s + ";");
    }
}

package io.github.migrationdelivery.engine.lint.rules.common;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;

/** GRANT, REVOKE, CREATE/ALTER/DROP ROLE or USER in a schema migration. */
public final class BanPrivilegeChanges implements Rule {

    private static final RuleInfo INFO = new RuleInfo("ban-privilege-changes", Severity.WARNING, Set.of(Dialect.values()),
            "GRANT/REVOKE or role/user changes in a schema migration", false, RuleCategory.OPERATIONS);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof StatementShape.Privilege p)) {
            return;
        }
        String defaults = ctx.dialect().isMysqlFamily()
                ? "-- For new tables, grant on the database once (GRANT ... ON <db>.* TO <role>) in the access change,\n"
                        + "-- so schema migrations never need GRANT."
                : "-- For new tables, set default privileges once in the access change:\n"
                        + "--   ALTER DEFAULT PRIVILEGES FOR ROLE <migration_role> IN SCHEMA <schema> "
                        + "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO <app_role>;\n"
                        + "-- so schema migrations never need GRANT.";
        ctx.report(LockImpact.NONE, false,
                p.verb() + " changes who may do what. Access changes are reviewed separately from schema changes (by "
                        + "whoever owns access), often need rights the migration user should not hold, and differ per "
                        + "environment.",
                "-- Move it to the reviewed access-management change (roles and grants as code).\n" + defaults);
    }
}

package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;

/**
 * PG-DOM-01: CREATE DOMAIN ... CHECK. Creating it is harmless; changing its constraint later
 * checks every column of every table that uses the domain, so the constraint belongs on the
 * columns, where it can be added NOT VALID and validated online.
 */
public final class BanCreateDomainWithConstraint implements Rule {

    private static final RuleInfo INFO = new RuleInfo("ban-create-domain-with-constraint", Severity.WARNING,
            Set.of(Dialect.POSTGRESQL), "CREATE DOMAIN with a CHECK constraint", false, RuleCategory.DESIGN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof StatementShape.Domain d) || !d.create() || !d.addsConstraint()) {
            return;
        }
        String domain = SafeRewrites.name(d.domain());
        ctx.report(LockImpact.NONE, false, "Domain " + domain + " carries a CHECK constraint: every later change to it"
                        + " (ALTER DOMAIN ... ADD CONSTRAINT or VALIDATE) scans every table with a column of this"
                        + " domain while blocking writes to them, and cannot be done online.",
                "-- create the domain without CHECK (or use the base type) and put the check on each column:\n"
                        + "ALTER TABLE <table> ADD CONSTRAINT <table>_<column>_check CHECK (<condition on column>) NOT VALID;\n"
                        + "ALTER TABLE <table> VALIDATE CONSTRAINT <table>_<column>_check;");
    }
}

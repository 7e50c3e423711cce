package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;

/**
 * PG-DOM-01: ALTER DOMAIN ... ADD CONSTRAINT checks every column of every table that uses the
 * domain, holding a lock on each that blocks writes. NOT VALID only postpones the same scan to
 * VALIDATE, which blocks writes too.
 */
public final class BanAlterDomainWithAddConstraint implements Rule {

    private static final RuleInfo INFO = new RuleInfo("ban-alter-domain-with-add-constraint", Severity.ERROR,
            Set.of(Dialect.POSTGRESQL), "ALTER DOMAIN ... ADD CONSTRAINT", false, RuleCategory.LOCKING);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof StatementShape.Domain d) || d.create() || !d.addsConstraint()) {
            return;
        }
        String domain = SafeRewrites.name(d.domain());
        ctx.report(ctx.lock(), false, "ALTER DOMAIN " + domain + " ADD CONSTRAINT scans every table that has a column"
                        + " of this domain, holding a lock on each that blocks writes (ShareLock) for the whole scan;"
                        + " a domain constraint has no online way to be validated.",
                "-- put the check on each column that uses the domain instead (online: NOT VALID, then VALIDATE"
                        + " under ShareUpdateExclusiveLock):\n"
                        + "ALTER TABLE <table> ADD CONSTRAINT <table>_<column>_check CHECK (<condition on column>) NOT VALID;\n"
                        + "ALTER TABLE <table> VALIDATE CONSTRAINT <table>_<column>_check;");
    }
}

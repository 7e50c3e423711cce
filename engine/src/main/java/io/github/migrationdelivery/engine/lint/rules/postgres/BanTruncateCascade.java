package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lint.rules.common.StatementText;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * TRUNCATE ... CASCADE. MySQL has no CASCADE for TRUNCATE, so this is PostgreSQL's; plain
 * TRUNCATE is ban-truncate's.
 */
public final class BanTruncateCascade implements Rule {

    private static final RuleInfo INFO = new RuleInfo("ban-truncate-cascade", Severity.ERROR, Set.of(Dialect.POSTGRESQL),
            "TRUNCATE ... CASCADE also empties every table referencing it", false, RuleCategory.DESTRUCTIVE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof StatementShape.Truncate truncate) || !truncate.cascade()
                || truncate.tablesTruncated().stream().allMatch(t -> ctx.state().createdInPlan(t))) {
            return;
        }
        String names = truncate.tablesTruncated().stream().map(QualifiedName::toString).collect(Collectors.joining(", "));
        QualifiedName first = truncate.tablesTruncated().get(0);
        ctx.report("TRUNCATE " + names + " CASCADE also empties every table with a foreign key to " + names
                        + ", and the tables referencing those, without naming them; it takes "
                        + ctx.lock().lockMode() + " on all of them (blocks " + ctx.lock().blockedSummary() + ").",
                "-- See which tables it would empty:\n"
                        + "SELECT conrelid::regclass AS referencing_table, conname FROM pg_constraint\n"
                        + " WHERE contype = 'f' AND confrelid = '" + StatementText.name(first, ctx.dialect())
                        + "'::regclass;\n"
                        + "-- then back up and delete from each table you mean, children first, in batches, without CASCADE:\n"
                        + "DELETE FROM <child_table> WHERE id BETWEEN :from AND :from + 9999;");
    }
}

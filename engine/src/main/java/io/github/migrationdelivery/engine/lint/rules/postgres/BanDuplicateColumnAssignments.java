package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.ColumnDef;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The same column twice in UPDATE ... SET or in CREATE TABLE: PostgreSQL rejects the statement when it runs. */
public final class BanDuplicateColumnAssignments implements Rule {

    private static final RuleInfo INFO = new RuleInfo("ban-duplicate-column-assignments", Severity.ERROR,
            Set.of(Dialect.POSTGRESQL), "The same column assigned or defined twice in one statement", false, RuleCategory.DESIGN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        List<String> columns;
        String error;
        if (ctx.shape() instanceof StatementShape.Dml dml && dml.kind() == StatementShape.Dml.Kind.UPDATE) {
            columns = dml.assignedColumns();
            error = "multiple assignments to same column";
        } else if (ctx.shape() instanceof StatementShape.CreateTable ct) {
            columns = ct.columns().stream().map(ColumnDef::name).toList();
            error = "column specified more than once";
        } else {
            return;
        }
        Set<String> seen = new HashSet<>();
        Set<String> twice = new LinkedHashSet<>();
        for (String c : columns) {
            if (!seen.add(c)) {
                twice.add(c);
            }
        }
        if (!twice.isEmpty()) {
            ctx.report(LockImpact.NONE, false, "Column " + String.join(", ", twice) + " appears more than once: "
                            + "PostgreSQL fails the statement (\"" + error + "\") when the migration runs.",
                    "-- keep one " + (error.startsWith("multiple") ? "assignment" : "definition") + " of "
                            + String.join(", ", twice));
        }
    }
}

package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lint.rules.common.StatementText;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Any DROP ... CASCADE (also ALTER TABLE ... DROP COLUMN/CONSTRAINT ... CASCADE). PostgreSQL
 * only: MySQL and MariaDB accept CASCADE on DROP TABLE and ignore it.
 */
public final class BanDropCascade implements Rule {

    private static final RuleInfo INFO = new RuleInfo("ban-drop-cascade", Severity.ERROR, Set.of(Dialect.POSTGRESQL),
            "DROP ... CASCADE silently drops every dependent object", false, RuleCategory.DESTRUCTIVE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        StatementShape shape = ctx.shape();
        String what;
        QualifiedName object = null;
        if (shape instanceof StatementShape.Drop d && d.cascade() && !d.names().isEmpty()) {
            if ("TABLE".equals(d.objectType()) && d.names().stream().allMatch(n -> ctx.state().createdInPlan(n))) {
                return;
            }
            what = "DROP " + d.objectType() + " " + d.names().stream().map(QualifiedName::toString)
                    .collect(Collectors.joining(", "));
            if (d.objectType().equals("TABLE") || d.objectType().endsWith("VIEW")) {
                object = d.names().get(0);
            }
        } else if (shape instanceof StatementShape.DropIndex di && di.cascade() && !di.names().isEmpty()) {
            what = "DROP INDEX " + di.names().get(0);
        } else if (shape instanceof StatementShape.AlterTable at && !ctx.state().createdInPlan(at.table())) {
            List<AlterAction> cascading = at.actions().stream().filter(AlterAction::cascade).toList();
            if (cascading.isEmpty()) {
                return;
            }
            AlterAction a = cascading.get(0);
            what = "ALTER TABLE " + at.table() + " DROP " + (a.kind() == AlterAction.Kind.DROP_COLUMN
                    ? "COLUMN " + a.column() : "CONSTRAINT " + a.name());
            object = at.table();
        } else {
            return;
        }
        ctx.report(what + " ... CASCADE also drops every object that depends on it (views, foreign keys from other "
                        + "tables, functions, defaults, and in turn their dependants) without listing them: the "
                        + "migration may remove far more than the review saw.",
                "-- Drop the dependants explicitly, each in a reviewed statement." + (object == null ? "\n" : " List them:\n"
                        + "SELECT DISTINCT r.ev_class::regclass AS dependent_view FROM pg_rewrite r\n"
                        + "  JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid\n"
                        + " WHERE d.refobjid = '" + StatementText.name(object, ctx.dialect()) + "'::regclass"
                        + " AND r.ev_class <> d.refobjid;\n"
                        + "SELECT conrelid::regclass, conname FROM pg_constraint WHERE confrelid = '"
                        + StatementText.name(object, ctx.dialect()) + "'::regclass;\n")
                        + "-- then run the statement without CASCADE: PostgreSQL refuses and its error DETAIL names "
                        + "any dependant you missed.");
    }
}

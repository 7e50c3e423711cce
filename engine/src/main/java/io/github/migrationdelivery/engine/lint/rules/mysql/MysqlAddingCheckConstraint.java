package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ConstraintDef;

import java.util.Set;

/** MY-CON-02: an enforced CHECK is validated against every row while the table is copied. */
public final class MysqlAddingCheckConstraint implements Rule {

    private static final RuleInfo INFO = new RuleInfo("mysql-adding-check-constraint", Severity.ERROR, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "ADD CHECK constraint on an existing table (every row validated under ALGORITHM=COPY)", false, RuleCategory.LOCKING);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        OnlineDdl.alterOfExistingTable(ctx).ifPresent(alter -> {
            for (AlterAction a : alter.actions()) {
                ConstraintDef c = a.constraint();
                if (a.kind() != AlterAction.Kind.ADD_CONSTRAINT || c == null || c.type() != ConstraintDef.Type.CHECK
                        || notEnforced(a)) {
                    continue;
                }
                String table = OnlineDdl.name(alter.table());
                String expr = OnlineDdl.text(ctx, c.expression());
                String fix = "-- prove no row violates it (must return 0):\n"
                        + "SELECT COUNT(*) FROM " + table + " WHERE NOT (" + expr + ");\n"
                        + (ctx.dialect() == Dialect.MYSQL
                        ? "-- MySQL: add it NOT ENFORCED now (no row check), enforce it later in a maintenance window (copies):\n"
                        + "ALTER TABLE " + table + " " + OnlineDdl.text(ctx, a.tokens()) + " NOT ENFORCED;\n"
                        + "# or add it enforced through an online copy:\n"
                        : "# then add it through an online copy:\n")
                        + OnlineDdl.onlineSchemaChange(ctx, alter.table(), OnlineDdl.text(ctx, a.tokens()));
                ctx.report(OnlineDdl.copyImpact(alter), true,
                        "Adding CHECK (" + expr + ") validates every row of " + table + " while the table is copied"
                                + " (ALGORITHM=COPY): writes wait for the whole copy, and one violating row fails the"
                                + " statement at the end.", fix);
            }
        });
    }

    private static boolean notEnforced(AlterAction a) {
        for (int i = 0; i + 1 < a.tokens().size(); i++) {
            if (a.tokens().get(i).is("NOT") && a.tokens().get(i + 1).is("ENFORCED")) {
                return true;
            }
        }
        return false;
    }
}

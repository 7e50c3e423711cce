package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ConstraintDef;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** MY-CON-01: with foreign_key_checks=1 the server copies the table to check every row; writes wait. */
public final class MysqlAddingForeignKey implements Rule {

    private static final RuleInfo INFO = new RuleInfo("mysql-adding-foreign-key", Severity.ERROR, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "ADD FOREIGN KEY on an existing table (ALGORITHM=COPY unless foreign_key_checks=0)", false, RuleCategory.LOCKING);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        OnlineDdl.alterOfExistingTable(ctx).ifPresent(alter -> {
            for (AlterAction a : alter.actions()) {
                ConstraintDef c = a.constraint();
                if (a.kind() != AlterAction.Kind.ADD_CONSTRAINT || c == null || c.type() != ConstraintDef.Type.FOREIGN_KEY) {
                    continue;
                }
                String table = OnlineDdl.name(alter.table());
                Optional<OnlineDdl.Reference> ref = OnlineDdl.reference(a.tokens());
                String parent = ref.map(OnlineDdl.Reference::table).orElse(c.referencedTable() == null ? "<parent>" : c.referencedTable().toString());
                List<String> parentColumns = ref.map(OnlineDdl.Reference::columns).filter(l -> !l.isEmpty()).orElse(List.of("id"));
                StringBuilder join = new StringBuilder();
                for (int i = 0; i < c.columns().size(); i++) {
                    join.append(i == 0 ? "" : " AND ").append("p.").append(OnlineDdl.name(parentColumns.get(Math.min(i, parentColumns.size() - 1))))
                            .append(" = c.").append(OnlineDdl.name(c.columns().get(i)));
                }
                String firstChild = c.columns().isEmpty() ? "<column>" : OnlineDdl.name(c.columns().get(0));
                String fix = "-- 1. prove every row has its parent (must return 0):\n"
                        + "SELECT COUNT(*) FROM " + table + " c LEFT JOIN " + parent + " p ON " + join + " WHERE c." + firstChild
                        + " IS NOT NULL AND p." + OnlineDdl.name(parentColumns.get(0)) + " IS NULL;\n"
                        + "-- 2. add the key without re-checking the rows; it builds in place with concurrent writes:\n"
                        + "SET SESSION foreign_key_checks = 0;\n"
                        + "ALTER TABLE " + table + " " + OnlineDdl.text(ctx, a.tokens()) + ", ALGORITHM=INPLACE, LOCK=NONE;\n"
                        + "SET SESSION foreign_key_checks = 1;\n"
                        + "-- rows written between step 1 and 2 are not checked; gh-ost cannot migrate tables with foreign keys later";
                ctx.report(OnlineDdl.copyImpact(alter), true,
                        "Adding a foreign key with foreign_key_checks=1 makes the server copy " + table
                                + " (ALGORITHM=COPY) to check every row against " + parent + ": writes to " + table
                                + " wait for the whole copy.", fix);
            }
        });
    }
}

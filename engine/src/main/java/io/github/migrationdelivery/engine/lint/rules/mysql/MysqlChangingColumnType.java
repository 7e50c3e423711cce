package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.MysqlLocks;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.TypeRef;

import java.util.Optional;
import java.util.Set;

/** MY-COL-02: a real type change copies the table and converts every value. */
public final class MysqlChangingColumnType implements Rule {

    private static final RuleInfo INFO = new RuleInfo("mysql-changing-column-type", Severity.ERROR, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "MODIFY/CHANGE that changes a column type the plan knows (not a VARCHAR widening within its length prefix or an ENUM append)", false, RuleCategory.COMPATIBILITY);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        OnlineDdl.alterOfExistingTable(ctx).ifPresent(alter -> {
            for (AlterAction a : alter.actions()) {
                if (a.kind() != AlterAction.Kind.MODIFY_COLUMN || a.definition() == null || a.definition().type() == null) {
                    continue;
                }
                // Without the current type the rule cannot tell a restated type from a changed one;
                // mysql-copy-algorithm reports the COPY the lock table assumes.
                Optional<TypeRef> current = OnlineDdl.currentType(ctx, alter.table(), a.column());
                if (current.isEmpty()) {
                    continue;
                }
                TypeRef to = a.definition().type();
                MysqlLocks.TypeChange change = MysqlLocks.typeChange(current.get(), to, MysqlLocks.bytesPerChar(a.tokens()));
                if (change != MysqlLocks.TypeChange.OTHER) {
                    continue; // same type, in-place widening, or owned by mysql-varchar-length-prefix / mysql-enum-change
                }
                String table = OnlineDdl.name(alter.table());
                ctx.report(OnlineDdl.copyImpact(alter), true,
                        "Changing " + a.column() + " from " + current.get().text() + " to " + to.text() + " copies " + table
                                + " row by row (ALGORITHM=COPY) while writes wait, converts every value (a narrower type"
                                + " truncates or fails), and running application code may write values the new type rejects.",
                        OnlineDdl.expandContract(ctx, alter.table(), a.column(), a.definition().name(),
                                OnlineDdl.withoutPosition(OnlineDdl.definitionText(ctx, a)
                                        .replaceFirst("^\\S+\\s+", "")).replaceAll("(?i)\\s+NOT\\s+NULL", " NULL"))
                                + "\n# or run the MODIFY as an online copy:\n"
                                + OnlineDdl.onlineSchemaChange(ctx, alter.table(), OnlineDdl.text(ctx, a.tokens())));
            }
        });
    }
}

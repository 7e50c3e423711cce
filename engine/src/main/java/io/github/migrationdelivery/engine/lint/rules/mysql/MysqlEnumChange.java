package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.MysqlDdl.Algorithm;
import io.github.migrationdelivery.engine.lock.MysqlLocks;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.TypeRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** MY-COL-04: only appending ENUM/SET values (storage size unchanged) is INSTANT; anything else copies and may rewrite data. */
public final class MysqlEnumChange implements Rule {

    private static final RuleInfo INFO = new RuleInfo("mysql-enum-change", Severity.ERROR, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "ENUM/SET change that is not a pure append of new values at the end", false, RuleCategory.LOCKING);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        OnlineDdl.alterOfExistingTable(ctx).ifPresent(alter -> {
            for (AlterAction a : alter.actions()) {
                TypeRef to = a.definition() == null ? null : a.definition().type();
                if (a.kind() != AlterAction.Kind.MODIFY_COLUMN || to == null
                        || !("enum".equalsIgnoreCase(to.name()) || "set".equalsIgnoreCase(to.name()))) {
                    continue;
                }
                String table = OnlineDdl.name(alter.table());
                Optional<TypeRef> current = OnlineDdl.currentType(ctx, alter.table(), a.column());
                if (current.isEmpty()) {
                    ctx.report(Severity.WARNING, OnlineDdl.impact(ctx, alter), false,
                            "The plan does not know the current values of " + a.column() + ": the change is INSTANT only if"
                                    + " it appends values at the end (existing values unchanged, in the same order, ENUM"
                                    + " staying within 255 values); a removal, reorder or insertion copies " + table
                                    + " while writes wait and rewrites the stored values.",
                            "-- check the current definition first, and only append at the end:\n"
                                    + "SHOW CREATE TABLE " + table + ";\n"
                                    + "ALTER TABLE " + table + " " + OnlineDdl.text(ctx, a.tokens()) + ", "
                                    + OnlineDdl.onlineClauses(ctx, Algorithm.INSTANT) + ";");
                    continue;
                }
                if (MysqlLocks.typeChange(current.get(), to, 4) != MysqlLocks.TypeChange.ENUM_REWRITE) {
                    continue;
                }
                List<String> before = MysqlLocks.values(current.get());
                List<String> after = MysqlLocks.values(to);
                List<String> appended = new ArrayList<>(before);
                after.stream().filter(v -> !before.contains(v)).forEach(appended::add);
                List<String> removed = before.stream().filter(v -> !after.contains(v)).toList();
                String message = a.column() + " changes from " + current.get().text() + " to " + to.text() + ": "
                        + (removed.isEmpty() ? "the values are reordered or inserted in the middle" : "values " + removed + " are removed")
                        + ", so " + table + " is copied row by row (ALGORITHM=COPY) while writes wait, and stored values"
                        + " are renumbered" + (removed.isEmpty() ? "." : " (rows holding a removed value fail in strict mode or become '').");
                StringBuilder list = new StringBuilder();
                for (String v : appended) {
                    list.append(list.length() == 0 ? "" : ", ").append("'").append(v.replace("'", "''")).append("'");
                }
                String fix = "-- keep every existing value in its place and append new ones at the end (INSTANT):\n"
                        + "ALTER TABLE " + table + " MODIFY COLUMN " + OnlineDdl.name(a.definition().name()) + " "
                        + to.name().toLowerCase(java.util.Locale.ROOT) + "(" + list + ")"
                        + (a.definition().notNull() ? " NOT NULL" : "") + ", " + OnlineDdl.onlineClauses(ctx, Algorithm.INSTANT) + ";"
                        + (removed.isEmpty() ? "" : "\n-- stop writing " + removed + " in the application; removing them later copies the table: use an online schema change tool");
                ctx.report(OnlineDdl.copyImpact(alter), true, message, fix);
            }
        });
    }
}

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

import java.util.Optional;
import java.util.Set;

/** MY-COL-03: a VARCHAR extension is metadata-only only while the maximum byte length stays on the same side of 255. */
public final class MysqlVarcharLengthPrefix implements Rule {

    private static final RuleInfo INFO = new RuleInfo("mysql-varchar-length-prefix", Severity.ERROR, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "VARCHAR widening that crosses the 255-byte length prefix (1 to 2 bytes per value: table copy)", false, RuleCategory.LOCKING);

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
                Optional<TypeRef> current = OnlineDdl.currentType(ctx, alter.table(), a.column());
                int perChar = MysqlLocks.bytesPerChar(a.tokens());
                if (current.isEmpty() || MysqlLocks.typeChange(current.get(), a.definition().type(), perChar)
                        != MysqlLocks.TypeChange.VARCHAR_CROSSES_LENGTH_PREFIX) {
                    continue;
                }
                TypeRef from = current.get();
                TypeRef to = a.definition().type();
                int bytes = "varbinary".equalsIgnoreCase(to.name()) ? 1 : perChar;
                int limit = 255 / bytes;
                String table = OnlineDdl.name(alter.table());
                String message = a.column() + " goes from " + from.text() + " (" + from.length() * bytes + " bytes) to "
                        + to.text() + " (" + to.length() * bytes + " bytes" + (bytes > 1 ? " at " + bytes + " bytes per character" : "")
                        + "): every value's length prefix grows from 1 to 2 bytes, so " + table
                        + " is copied row by row (ALGORITHM=COPY) while writes wait.";
                String fix = (from.length() < limit
                        ? "-- stay within the 1-byte length prefix (at most " + limit + " characters), metadata-only:\n"
                        + "ALTER TABLE " + table + " " + OnlineDdl.text(ctx, a.tokens()).replaceFirst(
                        java.util.regex.Pattern.quote(to.text()), java.util.regex.Matcher.quoteReplacement(
                                to.name() + "(" + limit + ")")) + ", "
                        + OnlineDdl.onlineClauses(ctx, Algorithm.INPLACE) + ";\n# or, to reach " + to.text() + ", run it as an online copy:\n"
                        : "# run it as an online copy:\n")
                        + OnlineDdl.onlineSchemaChange(ctx, alter.table(), OnlineDdl.text(ctx, a.tokens()));
                ctx.report(OnlineDdl.copyImpact(alter), true, message, fix);
            }
        });
    }
}

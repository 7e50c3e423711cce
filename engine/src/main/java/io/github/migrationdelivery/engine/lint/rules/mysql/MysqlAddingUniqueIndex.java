package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MY-IDX-02: a unique key (or primary key) added to a table that holds rows. Rows that already
 * repeat the key make the ALTER fail after it has read the table; run through
 * pt-online-schema-change, whose copy uses INSERT IGNORE, they are silently dropped instead.
 */
public final class MysqlAddingUniqueIndex extends AddedIndexRule {

    private static final RuleInfo INFO = new RuleInfo("mysql-adding-unique-index", Severity.WARNING, Set.of(Dialect.MARIADB, Dialect.MYSQL),
            "unique or primary key added to an existing table (fails on duplicates; an online copy drops them)", false,
            RuleCategory.COMPATIBILITY);

    /** An index column with a prefix length: {@code body(10)}. */
    private static final Pattern PREFIX = Pattern.compile("(`[^`]+`|[A-Za-z0-9_$]+)\\s*\\(\\s*(\\d+)\\s*\\)");

    public MysqlAddingUniqueIndex() {
        super(INFO);
    }

    @Override
    void check(StatementContext ctx, QualifiedName table, List<ConstraintDef> added) {
        if (ctx.shape() instanceof StatementShape.CreateTable || ctx.state().createdInPlan(table)) {
            return; // a table created by this statement or earlier in the plan has no rows to repeat a key
        }
        for (ConstraintDef index : added) {
            if (index.type() == ConstraintDef.Type.UNIQUE || index.type() == ConstraintDef.Type.PRIMARY_KEY) {
                report(ctx, table, index);
            }
        }
    }

    private static void report(StatementContext ctx, QualifiedName table, ConstraintDef index) {
        String t = OnlineDdl.name(table);
        boolean primary = index.type() == ConstraintDef.Type.PRIMARY_KEY;
        List<String> expressions = new ArrayList<>();
        List<String> notNull = new ArrayList<>();
        List<String> nulls = new ArrayList<>();
        for (String column : index.columns()) {
            Matcher prefix = PREFIX.matcher(column);
            String expression = prefix.matches() ? "LEFT(" + prefix.group(1) + ", " + prefix.group(2) + ")"
                    : OnlineDdl.PLAIN_IDENTIFIER.matcher(column).matches() ? OnlineDdl.name(column) : column;
            expressions.add(expression);
            notNull.add(expression + " IS NOT NULL");
            nulls.add(expression + " IS NULL");
        }
        String columns = String.join(", ", expressions);
        String key = (primary ? "primary key" : "unique key") + " (" + String.join(", ", index.columns()) + ")";
        ctx.report("Adding the " + key + " to " + t + " fails with error 1062 (Duplicate entry) if existing rows already"
                        + " repeat it, and only after the server has read the whole table, leaving the release half applied."
                        + " Through pt-online-schema-change it is worse: its copy uses INSERT IGNORE, so the duplicate rows are"
                        + " silently left out of the new table (its --check-unique-key-change refuses the change for that reason)."
                        + (primary ? " A primary key also rejects NULLs." : "")
                        + " Writes of the running application that repeat a value start failing too.",
                "-- 1. on production (or a fresh copy): every row returned is a value the new key would reject\n"
                        + "SELECT " + columns + ", COUNT(*) FROM " + t
                        + (primary ? "" : " WHERE " + String.join(" AND ", notNull))
                        + " GROUP BY " + columns + " HAVING COUNT(*) > 1;\n"
                        + (primary ? "SELECT COUNT(*) FROM " + t + " WHERE " + String.join(" OR ", nulls) + "; -- must be 0\n" : "")
                        + "-- 2. resolve them and make the application stop writing new ones; then add the key:\n"
                        + OnlineDdl.sql(ctx) + ";\n"
                        + "-- an online copy (pt-online-schema-change --nocheck-unique-key-change) only once step 1 returns nothing");
    }
}

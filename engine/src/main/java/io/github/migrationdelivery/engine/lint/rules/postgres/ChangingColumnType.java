package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.lock.PostgresLocks;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.Token;
import io.github.migrationdelivery.engine.sql.TypeRef;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * PG-COL-04: ALTER COLUMN ... TYPE that rewrites a table holding rows (and rebuilds its indexes),
 * all under AccessExclusiveLock. Binary-coercible changes are catalog-only and not reported.
 */
public final class ChangingColumnType extends ExistingTableAction {

    private static final RuleInfo INFO = new RuleInfo("changing-column-type", Severity.ERROR,
            Set.of(Dialect.POSTGRESQL), "ALTER COLUMN TYPE that rewrites an existing table", false, RuleCategory.LOCKING);

    private static final Set<String> PRECISION_TYPES = Set.of("timestamp", "timestamptz", "time", "timetz", "interval");

    public ChangingColumnType() {
        super(INFO);
    }

    @Override
    void check(StatementContext ctx, QualifiedName table, AlterAction a) {
        if (a.kind() != AlterAction.Kind.ALTER_COLUMN_TYPE || a.type() == null) {
            return;
        }
        Optional<TypeRef> old = ctx.state().columnType(table, a.column());
        if (old.isPresent() && binaryCoercible(old.get(), a.type())) {
            return;
        }
        String t = SafeRewrites.name(table);
        String c = SafeRewrites.ident(a.column());
        LockImpact lock = PostgresLocks.of(a).impact();
        String rewrite = "rewrites every row of " + t + " and rebuilds all its indexes while holding " + lock.lockMode()
                + ": every read and write of " + t + " waits for the whole rewrite, and clients that still"
                + " expect the old type may break.";
        String fix = expandContract(ctx, table, a);
        if (old.isPresent()) {
            ctx.report(lock, true, "Changing " + c + " from " + old.get().text() + " to " + a.type().text()
                    + " is not binary-coercible: PostgreSQL " + rewrite, fix);
        } else if (unconstrainedText(a.type())) {
            ctx.report(Severity.WARNING, lock, true, "Changing " + c + " to " + a.type().text()
                    + " is a rewrite unless the column is varchar/text already (its current type is not in"
                    + " the plan): then PostgreSQL " + rewrite, fix);
        } else {
            ctx.report(lock, true, "ALTER COLUMN " + c + " TYPE " + a.type().text() + " " + rewrite, fix);
        }
    }

    private static boolean unconstrainedText(TypeRef type) {
        return !type.array() && ("text".equals(type.name()) || "varchar".equals(type.name()) && type.args().isEmpty());
    }

    /** True when PostgreSQL changes only the catalog, not the rows: no rewrite, no index rebuild. */
    static boolean binaryCoercible(TypeRef from, TypeRef to) {
        if (from.array() != to.array()) {
            return false;
        }
        String f = from.name();
        String n = to.name();
        if (f.equals(n) && from.args().equals(to.args())) {
            return true;
        }
        switch (f) {
            case "varchar":
                return "text".equals(n)
                        || "varchar".equals(n) && (to.args().isEmpty() || from.length() >= 0 && to.length() >= from.length());
            case "text":
                return "varchar".equals(n) && to.args().isEmpty();
            case "numeric":
                return "numeric".equals(n) && (to.args().isEmpty()
                        || !from.args().isEmpty() && scale(to) == scale(from) && to.length() >= from.length());
            case "cidr":
                return "inet".equals(n);
            default:
                // No precision means the maximum (6) for the time types.
                return PRECISION_TYPES.contains(f) && f.equals(n) && precision(to) >= precision(from);
        }
    }

    private static int scale(TypeRef numeric) {
        try {
            return numeric.args().size() > 1 ? Integer.parseInt(numeric.args().get(1).trim()) : 0;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int precision(TypeRef time) {
        return time.args().isEmpty() ? 6 : time.length();
    }

    private static String expandContract(StatementContext ctx, QualifiedName table, AlterAction a) {
        String t = SafeRewrites.name(table);
        String c = SafeRewrites.ident(a.column());
        String newColumn = a.column() + "_new";
        String n = SafeRewrites.ident(newColumn);
        String function = SafeRewrites.derivedName(table, newColumn, "sync");
        List<Token> using = usingExpression(a.tokens());
        String rowValue = using.isEmpty() ? "NEW." + c + "::" + a.type().text() : SafeRewrites.rowExpression(using);
        String value = using.isEmpty() ? c + "::" + a.type().text() : SafeRewrites.render(using);
        boolean key = "id".equals(a.column());
        String index = SafeRewrites.ident(SafeRewrites.derivedName(table, newColumn, key ? "key" : "idx"));
        return "-- expand/contract instead of rewriting in place:\n"
                + "-- 1. new column and a trigger that keeps it in step with " + c + ":\n"
                + "ALTER TABLE " + t + " ADD COLUMN " + n + " " + a.type().text() + ";\n"
                + SafeRewrites.syncTrigger(ctx.serverVersion(), table, function, newColumn, rowValue) + "\n"
                + "-- 2. " + SafeRewrites.batchedBackfill(table, newColumn, value).substring(3) + "\n"
                + "-- 3. " + (key ? "" : "for each index on " + c + ", ") + "the same index on " + n + ", in "
                + SafeRewrites.outsideTransaction(ctx.changeset()) + ":\n"
                + SafeRewrites.createIndexConcurrently(key, index, table, List.of(newColumn)) + "\n"
                + "-- 4. swap in one short transaction (move the column's DEFAULT too"
                + (key ? "; for the primary key first make " + n + " NOT NULL with the CHECK steps, then\n--    ALTER TABLE "
                        + t + " DROP CONSTRAINT " + SafeRewrites.ident(SafeRewrites.derivedName(table, "pkey"))
                        + ", ADD CONSTRAINT " + SafeRewrites.ident(SafeRewrites.derivedName(table, "pkey"))
                        + " PRIMARY KEY USING INDEX " + index + "; and re-create referencing foreign keys NOT VALID" : "")
                + "):\n"
                + "SET lock_timeout = '2s';\n"
                + "ALTER TABLE " + t + " RENAME COLUMN " + c + " TO " + SafeRewrites.ident(a.column() + "_old") + ";\n"
                + "ALTER TABLE " + t + " RENAME COLUMN " + n + " TO " + c + ";\n"
                + "DROP TRIGGER " + SafeRewrites.ident(function) + " ON " + t + ";\n"
                + "DROP FUNCTION " + SafeRewrites.ident(function) + "();\n"
                + "-- 5. later, once no application version reads it:\n"
                + "ALTER TABLE " + t + " DROP COLUMN " + SafeRewrites.ident(a.column() + "_old") + ";";
    }

    private static List<Token> usingExpression(List<Token> tokens) {
        List<Token> body = SafeRewrites.withoutSemicolon(tokens);
        for (int i = 0; i < body.size(); i++) {
            if (body.get(i).is("USING")) {
                return body.subList(i + 1, body.size());
            }
        }
        return List.of();
    }
}

package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.lock.PostgresLocks;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.Token;
import io.github.migrationdelivery.engine.sql.TypeRef;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * PG-COL-04: ALTER COLUMN ... TYPE that rewrites a table holding rows (and rebuilds its indexes),
 * all under AccessExclusiveLock. Binary-coercible changes are catalog-only and not reported,
 * unless (PG-COL-05) the plan gave the column CHECK constraints: PostgreSQL re-adds those after
 * the type change and checks every row under the same lock.
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
        List<ConstraintDef> checks = ctx.state().checks(table, a.column());
        String t = SafeRewrites.name(table);
        String c = SafeRewrites.ident(a.column());
        LockImpact lock = PostgresLocks.of(a).impact();
        if (old.isPresent() && binaryCoercible(old.get(), a.type())) {
            if (!checks.isEmpty()) {
                ctx.report(lock, false, "Changing " + c + " from " + old.get().text() + " to " + a.type().text()
                        + " changes only the catalog, but PostgreSQL re-adds the CHECK constraint(s) "
                        + checkNames(table, a.column(), checks) + " on " + c + " and checks every row of " + t
                        + " while holding " + lock.lockMode() + ": every read and write of " + t
                        + " waits for the whole scan.", withoutChecks(ctx, table, a, checks));
            }
            return;
        }
        String rewrite = "rewrites every row of " + t + " and rebuilds all its indexes while holding " + lock.lockMode()
                + ": every read and write of " + t + " waits for the whole rewrite, and clients that still"
                + " expect the old type may break."
                + (checks.isEmpty() ? "" : " The CHECK constraint(s) " + checkNames(table, a.column(), checks)
                        + " on " + c + " are re-checked against every row under the same lock.");
        String fix = expandContract(ctx, table, a) + (checks.isEmpty() ? "" : "\n"
                + "-- the CHECK constraint(s) went with the old column: re-add them on the new one without a long lock\n"
                + readdNotValid(table, a.column(), checks));
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

    private static String checkName(QualifiedName table, String column, ConstraintDef check) {
        // PostgreSQL names an unnamed table CHECK after the first column it mentions, usually this one
        return check.name().isEmpty() ? SafeRewrites.ident(SafeRewrites.derivedName(table, column, "check"))
                : SafeRewrites.ident(check.name());
    }

    private static String checkNames(QualifiedName table, String column, List<ConstraintDef> checks) {
        return String.join(", ", checks.stream().map(k -> checkName(table, column, k)).toList());
    }

    /** The type change with the checks dropped first and re-added NOT VALID, validated in a later transaction. */
    private static String withoutChecks(StatementContext ctx, QualifiedName table, AlterAction a, List<ConstraintDef> checks) {
        String t = SafeRewrites.name(table);
        StringBuilder out = new StringBuilder("-- drop the checks, change the type, re-add them NOT VALID (no scan):\n");
        out.append("ALTER TABLE ").append(t);
        for (int i = 0; i < checks.size(); i++) {
            out.append(i == 0 ? " " : ", ").append("DROP CONSTRAINT ").append(checkName(table, a.column(), checks.get(i)));
        }
        out.append(";\nALTER TABLE ").append(t).append(' ').append(SafeRewrites.render(SafeRewrites.withoutSemicolon(a.tokens())))
                .append(";\n").append(readdNotValid(table, a.column(), checks));
        return out.toString();
    }

    /** ADD CONSTRAINT ... NOT VALID for each check, then VALIDATE each in a later transaction. */
    private static String readdNotValid(QualifiedName table, String column, List<ConstraintDef> checks) {
        String t = SafeRewrites.name(table);
        StringBuilder add = new StringBuilder();
        StringBuilder validate = new StringBuilder();
        for (ConstraintDef k : checks) {
            String name = checkName(table, column, k);
            add.append("ALTER TABLE ").append(t).append(" ADD CONSTRAINT ").append(name).append(" CHECK (")
                    .append(SafeRewrites.render(k.expression())).append(") NOT VALID;\n");
            validate.append(validate.length() == 0 ? SafeRewrites.validateLater(table, name)
                    : "\nALTER TABLE " + t + " VALIDATE CONSTRAINT " + name + ";");
        }
        return add.append(validate).toString();
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

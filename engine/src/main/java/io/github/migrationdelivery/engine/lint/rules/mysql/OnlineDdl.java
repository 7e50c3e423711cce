package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.lock.MysqlDdl;
import io.github.migrationdelivery.engine.lock.MysqlDdl.Algorithm;
import io.github.migrationdelivery.engine.lock.MysqlLocks;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;
import io.github.migrationdelivery.engine.sql.Token;
import io.github.migrationdelivery.engine.sql.TypeRef;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What the MySQL/MariaDB rules share: the algorithm prediction for a statement (from
 * {@link MysqlLocks}, with the column types the plan knows), whether the target table already
 * holds rows, and the text of the safe rewrites (explicit ALGORITHM/LOCK clauses, gh-ost and
 * pt-online-schema-change command lines).
 */
final class OnlineDdl {

    static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    private OnlineDdl() {
    }

    static MysqlLocks locks(StatementContext ctx) {
        return new MysqlLocks(ctx.dialect(), ctx.serverVersion());
    }

    /** The ALTER TABLE, when the statement is one and its table existed before the plan. */
    static Optional<StatementShape.AlterTable> alterOfExistingTable(StatementContext ctx) {
        if (ctx.shape() instanceof StatementShape.AlterTable alter && !ctx.state().createdInPlan(alter.table())) {
            return Optional.of(alter);
        }
        return Optional.empty();
    }

    /** The column's type as the plan defined it, if it did. */
    static Optional<TypeRef> currentType(StatementContext ctx, QualifiedName table, String column) {
        return column.isEmpty() ? Optional.empty() : ctx.state().columnType(table, column);
    }

    static Algorithm algorithm(StatementContext ctx, StatementShape.AlterTable alter, AlterAction action) {
        return locks(ctx).algorithm(alter, action, currentType(ctx, alter.table(), action.column()));
    }

    static Algorithm algorithm(StatementContext ctx, StatementShape.AlterTable alter) {
        return locks(ctx).algorithm(alter, column -> ctx.state().columnType(alter.table(), column));
    }

    static LockImpact impact(StatementContext ctx, StatementShape.AlterTable alter) {
        return locks(ctx).impact(alter, column -> ctx.state().columnType(alter.table(), column));
    }

    /** The impact of running the statement's work with ALGORITHM=COPY (the lock option as written). */
    static LockImpact copyImpact(StatementShape.AlterTable alter) {
        return MysqlDdl.impact(Algorithm.COPY, MysqlLocks.lockOption(alter.lock()));
    }

    /** True for ALTER TABLE that is MySQL's RENAME TABLE (no ALGORITHM/LOCK clause applies). */
    static boolean isRenameTableOnly(StatementShape.AlterTable alter) {
        return !alter.actions().isEmpty()
                && alter.actions().stream().allMatch(a -> a.kind() == AlterAction.Kind.RENAME_TABLE);
    }

    /** The statement as written, without comments before it and without the closing semicolon. */
    static String sql(StatementContext ctx) {
        return text(ctx, ctx.tokens());
    }

    /** The source text that {@code tokens} cover (from the statement's text, so spacing and case are the user's). */
    static String text(StatementContext ctx, List<Token> tokens) {
        List<Token> t = tokens;
        while (!t.isEmpty() && t.get(t.size() - 1).isSymbol(";")) {
            t = t.subList(0, t.size() - 1);
        }
        if (t.isEmpty()) {
            return "";
        }
        String source = ctx.statement().sql();
        Token first = t.get(0);
        Token last = t.get(t.size() - 1);
        if (first.offset() >= 0 && last.endOffset() <= source.length() && first.offset() <= last.offset()
                && source.startsWith(first.text(), first.offset()) && source.startsWith(last.text(), last.offset())) {
            return source.substring(first.offset(), last.endOffset()).trim();
        }
        StringBuilder b = new StringBuilder();
        Token previous = null;
        for (Token token : t) {
            if (previous != null && !token.isSymbol(",") && !token.isSymbol(")") && !previous.isSymbol("(")
                    && !(token.isSymbol("(") && previous.isIdentifier())) {
                b.append(' ');
            }
            b.append(token.text());
            previous = token;
        }
        return b.toString();
    }

    /** The ALTER's change list without its ALGORITHM=/LOCK= clauses: what an online schema change tool takes as --alter. */
    static String changeList(StatementContext ctx, StatementShape.AlterTable alter) {
        StringBuilder b = new StringBuilder();
        for (AlterAction a : alter.actions()) {
            if (a.kind() == AlterAction.Kind.ALGORITHM || a.kind() == AlterAction.Kind.LOCK) {
                continue;
            }
            String part = text(ctx, a.tokens());
            if (part.isEmpty()) {
                continue;
            }
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(part);
        }
        return b.toString();
    }

    /**
     * The clauses that make the server refuse instead of silently copying or locking. MySQL
     * accepts no LOCK clause with ALGORITHM=INSTANT (error 1221), and INSTANT never blocks DML.
     */
    static String onlineClauses(StatementContext ctx, Algorithm algorithm) {
        if (algorithm == Algorithm.INSTANT && ctx.dialect() == Dialect.MYSQL) {
            return "ALGORITHM=INSTANT";
        }
        return "ALGORITHM=" + algorithm.name() + ", LOCK=NONE";
    }

    /** The ALTER as written with its ALGORITHM/LOCK clauses replaced by {@code clauses}. */
    static String alterWith(StatementContext ctx, StatementShape.AlterTable alter, String clauses) {
        return "ALTER TABLE " + name(alter.table()) + " " + changeList(ctx, alter) + ", " + clauses + ";";
    }

    /** gh-ost and pt-online-schema-change invocations that run the ALTER's change list as a throttled copy. */
    static String onlineSchemaChange(StatementContext ctx, QualifiedName table, String changeList) {
        String database = table.qualified() ? table.schema() : "<database>";
        String alter = changeList.replace("\"", "\\\"");
        String ghost = "gh-ost --host=<primary-host> --database=" + database + " --table=" + table.name()
                + " --alter=\"" + alter + "\" --max-load=Threads_running=25 --critical-load=Threads_running=100"
                + " --chunk-size=1000 --max-lag-millis=1500 --cut-over-lock-timeout-seconds=3"
                + " --postpone-cut-over-flag-file=/tmp/ghost.postpone --assume-rbr --execute";
        String ptosc = "pt-online-schema-change --alter \"" + alter + "\" D=" + database + ",t=" + table.name()
                + " --max-lag 1 --critical-load Threads_running=100 --set-vars lock_wait_timeout=5 --execute";
        if (ctx.dialect() == Dialect.MARIADB) {
            // gh-ost does not support MariaDB officially; pt-online-schema-change does.
            return "# run the change as an online copy instead of a blocking ALTER:\n" + ptosc;
        }
        return "# run the change as an online copy instead of a blocking ALTER (either tool):\n" + ghost + "\n" + ptosc;
    }

    /** A name as MySQL accepts it: backticks when it is not a plain identifier. */
    static String name(String identifier) {
        return PLAIN_IDENTIFIER.matcher(identifier).matches() ? identifier : "`" + identifier.replace("`", "``") + "`";
    }

    static String name(QualifiedName table) {
        return table.qualified() ? name(table.schema()) + "." + name(table.name()) : name(table.name());
    }

    static boolean sameColumn(String a, String b) {
        // MySQL column names are case-insensitive.
        return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }

    /** True when a statement before the current one in the same changeset matches. */
    static boolean earlierStatementMatches(StatementContext ctx, Predicate<StatementShape> test) {
        List<StatementShape> shapes = ctx.changesetShapes();
        int index = Math.min(ctx.state().statementIndex(), shapes.size());
        for (int i = 0; i < index; i++) {
            if (test.test(shapes.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** True when an earlier statement of the changeset was DDL on a table that existed before the plan. */
    static boolean earlierDdlOnExistingTable(StatementContext ctx) {
        return earlierStatementMatches(ctx, shape -> ddlOnExistingTable(ctx, shape));
    }

    /** True when the statement is DDL on a table whose rows existed before the plan. */
    static boolean ddlOnExistingTable(StatementContext ctx) {
        return ddlOnExistingTable(ctx, ctx.shape());
    }

    static boolean ddlOnExistingTable(StatementContext ctx, StatementShape shape) {
        List<QualifiedName> tables = shape.tables();
        if (shape instanceof StatementShape.Dml || tables.isEmpty()) {
            return false;
        }
        return tables.stream().anyMatch(t -> !ctx.state().createdInPlan(t));
    }

    /**
     * Expand/contract for a column whose type or name must change while the application runs:
     * a new column, dual writes, a batched backfill, then the old column goes in a later changeset.
     */
    static String expandContract(StatementContext ctx, QualifiedName table, String oldColumn, String newColumn,
                                 String newDefinition) {
        String t = name(table);
        String target = sameColumn(oldColumn, newColumn) ? newColumn + "_new" : newColumn;
        return "ALTER TABLE " + t + " ADD COLUMN " + name(target) + " " + newDefinition + ", "
                + onlineClauses(ctx, locks(ctx).algorithm(new AlterAction(AlterAction.Kind.ADD_COLUMN, target, null, null,
                null, "", false, false, false, List.of()))) + ";\n"
                + "-- deploy: the application writes both " + oldColumn + " and " + target + "\n"
                + "UPDATE " + t + " SET " + name(target) + " = " + name(oldColumn) + " WHERE " + name(target)
                + " IS NULL LIMIT 5000; -- repeat until it changes 0 rows, pausing between batches\n"
                + "-- deploy: the application reads " + target + " and stops using " + oldColumn + "\n"
                + "-- later changeset: ALTER TABLE " + t + " DROP COLUMN " + name(oldColumn) + ";"
                + (target.equals(newColumn) ? "" : "\n-- optional, once nothing uses the old name: ALTER TABLE " + t
                + " RENAME COLUMN " + name(target) + " TO " + name(newColumn) + ";");
    }

    /** A column definition's text with its FIRST/AFTER clause removed. */
    static String withoutPosition(String definition) {
        return definition.replaceAll("(?i)\\s+(FIRST|AFTER\\s+(`[^`]*`|[A-Za-z0-9_$]+))(?=\\s|$)", "").trim();
    }

    /** The column definition's text without the leading ADD/MODIFY/CHANGE [COLUMN] [old] words. */
    static String definitionText(StatementContext ctx, AlterAction action) {
        List<Token> t = action.tokens();
        int i = 0;
        while (i < t.size() && (t.get(i).is("ADD") || t.get(i).is("MODIFY") || t.get(i).is("CHANGE") || t.get(i).is("COLUMN"))) {
            i++;
        }
        if (i > 0 && t.get(0).is("CHANGE") && i < t.size()) {
            i++; // the old name
        }
        return text(ctx, t.subList(Math.min(i, t.size()), t.size()));
    }

    /** {@code REFERENCES parent (col, ...)} in tokens: the parent table and its columns (empty list when not written). */
    record Reference(String table, List<String> columns) {
    }

    static Optional<Reference> reference(List<Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).is("REFERENCES") || i + 1 >= tokens.size()) {
                continue;
            }
            int j = i + 1;
            String table = tokens.get(j).identifier();
            if (j + 2 < tokens.size() && tokens.get(j + 1).isSymbol(".")) {
                table = table + "." + tokens.get(j + 2).identifier();
                j += 2;
            }
            List<String> columns = new java.util.ArrayList<>();
            if (j + 1 < tokens.size() && tokens.get(j + 1).isSymbol("(")) {
                for (int k = j + 2; k < tokens.size() && !tokens.get(k).isSymbol(")"); k++) {
                    if (tokens.get(k).isIdentifier()) {
                        columns.add(tokens.get(k).identifier());
                    }
                }
            }
            return Optional.of(new Reference(table, columns));
        }
        return Optional.empty();
    }
}

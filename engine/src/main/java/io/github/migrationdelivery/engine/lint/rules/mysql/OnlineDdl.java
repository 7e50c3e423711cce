package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.lock.MysqlDdl;
import io.github.migrationdelivery.engine.lock.MysqlDdl.Algorithm;
import io.github.migrationdelivery.engine.lock.MysqlLocks;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Statement;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.Lexer;
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

    /**
     * True when a statement before the current one in the same changeset matches. Rules are
     * stateless, so "once per changeset" findings look back over the earlier statements' text.
     */
    static boolean earlierStatementMatches(StatementContext ctx, Predicate<List<Token>> test) {
        List<Statement> statements = ctx.changeset().statements();
        int index = Math.min(ctx.state().statementIndex(), statements.size());
        for (int i = 0; i < index; i++) {
            if (test.test(Lexer.significant(statements.get(i).sql(), ctx.dialect()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The table an ALTER TABLE, RENAME TABLE, DROP TABLE, TRUNCATE, OPTIMIZE, CREATE INDEX or DROP
     * INDEX ... ON statement changes, read from its tokens; empty for any other statement.
     */
    static Optional<QualifiedName> ddlTable(List<Token> tokens) {
        if (tokens.size() < 2) {
            return Optional.empty();
        }
        Token head = tokens.get(0);
        int at = -1;
        if (head.is("ALTER") || head.is("RENAME") || head.is("DROP") || head.is("TRUNCATE") || head.is("OPTIMIZE")) {
            for (int i = 1; i < Math.min(tokens.size(), 4); i++) {
                if (tokens.get(i).is("TABLE")) {
                    at = i + 1;
                    break;
                }
            }
            if (at < 0 && head.is("TRUNCATE")) {
                at = 1;
            }
        }
        if (at < 0 && (head.is("CREATE") || head.is("DROP"))) {
            boolean index = tokens.subList(1, Math.min(tokens.size(), 4)).stream().anyMatch(t -> t.is("INDEX"));
            for (int i = 2; index && i < tokens.size(); i++) {
                if (tokens.get(i).is("ON")) {
                    at = i + 1;
                    break;
                }
            }
        }
        while (at > 0 && at < tokens.size() && (tokens.get(at).is("IF") || tokens.get(at).is("EXISTS"))) {
            at++;
        }
        if (at < 0 || at >= tokens.size() || !tokens.get(at).isIdentifier()) {
            return Optional.empty();
        }
        String first = tokens.get(at).identifier();
        if (at + 2 < tokens.size() && tokens.get(at + 1).isSymbol(".") && tokens.get(at + 2).isIdentifier()) {
            return Optional.of(new QualifiedName(first, tokens.get(at + 2).identifier()));
        }
        return Optional.of(QualifiedName.of(first));
    }

    /** True when an earlier statement of the changeset was DDL on a table that existed before the plan. */
    static boolean earlierDdlOnExistingTable(StatementContext ctx) {
        return earlierStatementMatches(ctx, tokens -> ddlTable(tokens).filter(t -> !ctx.state().createdInPlan(t)).isPresent());
    }

    /** True when the statement is DDL on a table whose rows existed before the plan. */
    static boolean ddlOnExistingTable(StatementContext ctx) {
        StatementShape shape = ctx.shape();
        List<QualifiedName> tables = shape.tables();
        if (shape instanceof StatementShape.Dml || tables.isEmpty()) {
            return false;
        }
        return tables.stream().anyMatch(t -> !ctx.state().createdInPlan(t));
    }
}

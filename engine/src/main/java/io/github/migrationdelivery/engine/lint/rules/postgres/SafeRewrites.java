package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.ServerVersion;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.Token;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The online recipes the PostgreSQL lock rules suggest, written once and filled with the
 * statement's real names, so every rule that says "four steps" or "build it concurrently" prints
 * the same SQL.
 */
final class SafeRewrites {

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");
    private static final int MAX_IDENTIFIER_BYTES = 63;

    private SafeRewrites() {
    }

    /** An identifier as it must be written to denote the folded name (quoted when needed). */
    static String ident(String name) {
        return PLAIN_IDENTIFIER.matcher(name).matches() ? name : '"' + name.replace("\"", "\"\"") + '"';
    }

    static String name(QualifiedName name) {
        return name.qualified() ? ident(name.schema()) + "." + ident(name.name()) : ident(name.name());
    }

    static String columns(List<String> columns) {
        StringBuilder b = new StringBuilder();
        for (String c : columns) {
            b.append(b.length() == 0 ? "" : ", ").append(ident(c));
        }
        return b.toString();
    }

    /**
     * A derived object name such as {@code orders_status_not_null}, cut to PostgreSQL's 63-byte
     * limit the way the server would otherwise silently do it.
     */
    static String derivedName(QualifiedName table, String... parts) {
        StringBuilder b = new StringBuilder(table.name());
        for (String p : parts) {
            b.append('_').append(p);
        }
        String s = b.toString();
        while (s.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /**
     * The tokens as SQL text: one space where the source had whitespace (or a comment) between
     * two tokens, none where they touched.
     */
    static String render(List<Token> tokens) {
        StringBuilder b = new StringBuilder();
        Token previous = null;
        for (Token t : tokens) {
            if (previous != null && t.offset() > previous.endOffset()) {
                b.append(' ');
            }
            b.append(t.text());
            previous = t;
        }
        return b.toString();
    }

    /** Tokens without a trailing {@code ;}. */
    static List<Token> withoutSemicolon(List<Token> tokens) {
        int end = tokens.size();
        while (end > 0 && tokens.get(end - 1).isSymbol(";")) {
            end--;
        }
        return tokens.subList(0, end);
    }

    /** How to make the changeset run outside a transaction, in the words of the tool it comes from. */
    static String outsideTransaction(Changeset changeset) {
        switch (changeset.kind()) {
            case LIQUIBASE:
                return "a changeSet of its own with runInTransaction=\"false\" (formatted SQL: "
                        + "--changeset author:id runInTransaction:false)";
            case VERSIONED_SQL:
            case REPEATABLE_SQL:
                return "a migration file of its own that runs outside a transaction: Flyway "
                        + "executeInTransaction=false in the script's .conf file, or -- md:no-transaction at its top";
            default:
                return "a file of its own with -- md:no-transaction at its top";
        }
    }

    /** The comment that goes above a statement that must run outside a transaction. */
    static String outsideTransactionNote(Changeset changeset) {
        return "-- in " + outsideTransaction(changeset) + ":\n";
    }

    /** What to do when a CONCURRENTLY build failed or was cancelled half-way. */
    static String invalidIndexNote(String indexName) {
        return "-- if a CONCURRENTLY build fails or is cancelled it leaves an INVALID index; before retrying:\n"
                + "-- DROP INDEX CONCURRENTLY IF EXISTS " + indexName + ";";
    }

    /** {@code CREATE [UNIQUE] INDEX CONCURRENTLY IF NOT EXISTS name ON table (columns);} */
    static String createIndexConcurrently(boolean unique, String indexName, QualifiedName table, List<String> cols) {
        return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX CONCURRENTLY IF NOT EXISTS " + indexName
                + " ON " + name(table) + " (" + columns(cols) + ");";
    }

    /**
     * The four steps that make a column NOT NULL without a scan under AccessExclusiveLock
     * (PostgreSQL 12+ uses the validated CHECK to skip the SET NOT NULL scan).
     */
    static String notNullSteps(QualifiedName table, String column) {
        String t = name(table);
        String c = ident(column);
        String check = ident(derivedName(table, column, "not_null"));
        return "ALTER TABLE " + t + " ADD CONSTRAINT " + check + " CHECK (" + c + " IS NOT NULL) NOT VALID;\n"
                + "-- in a later transaction (ShareUpdateExclusiveLock: reads and writes go on during the scan):\n"
                + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + check + ";\n"
                + "ALTER TABLE " + t + " ALTER COLUMN " + c + " SET NOT NULL;\n"
                + "ALTER TABLE " + t + " DROP CONSTRAINT " + check + ";";
    }

    /** A batched backfill: each batch its own short transaction. */
    static String batchedBackfill(QualifiedName table, String column, String value) {
        String c = ident(column);
        return "-- backfill existing rows in batches, each batch its own short transaction\n"
                + "-- (id: the table's primary key; repeat with the next :lo/:hi until no rows are updated):\n"
                + "UPDATE " + name(table) + " SET " + c + " = " + value
                + " WHERE id BETWEEN :lo AND :hi AND " + c + " IS NULL;";
    }

    /** {@code EXECUTE FUNCTION} in triggers exists from PostgreSQL 11; before, it was spelled PROCEDURE. */
    static String executeFunction(ServerVersion version) {
        return version.atLeast(11) ? "EXECUTE FUNCTION" : "EXECUTE PROCEDURE";
    }

    /** The constraint's name, or the one PostgreSQL would give it ({@code orders_customer_id_fkey}). */
    static String constraintName(QualifiedName table, ConstraintDef c) {
        if (!c.name().isEmpty()) {
            return ident(c.name());
        }
        String suffix = switch (c.type()) {
            case PRIMARY_KEY -> "pkey";
            case UNIQUE -> "key";
            case FOREIGN_KEY -> "fkey";
            case EXCLUDE -> "excl";
            case CHECK -> "check";
            case INDEX -> "idx";
        };
        String[] parts = new String[c.type() == ConstraintDef.Type.PRIMARY_KEY ? 1 : c.columns().size() + 1];
        for (int i = 0; i < parts.length - 1; i++) {
            parts[i] = c.columns().get(i);
        }
        parts[parts.length - 1] = suffix;
        return ident(derivedName(table, parts));
    }

    /** The tokens from the first one that is {@code keyword} to the end, rendered; empty when absent. */
    static String from(List<Token> tokens, String keyword) {
        List<Token> body = withoutSemicolon(tokens);
        for (int i = 0; i < body.size(); i++) {
            if (body.get(i).is(keyword)) {
                return render(body.subList(i, body.size()));
            }
        }
        return "";
    }

    /** "ALTER TABLE t VALIDATE CONSTRAINT c;" in a later transaction, with the reason it is cheap there. */
    static String validateLater(QualifiedName table, String constraint) {
        return "-- then, in a later transaction (its own changeset): the scan runs under ShareUpdateExclusiveLock,"
                + " so reads and writes go on\n"
                + "ALTER TABLE " + name(table) + " VALIDATE CONSTRAINT " + constraint + ";";
    }

    /**
     * A BEFORE INSERT OR UPDATE trigger that keeps {@code column} filled with {@code rowExpression}
     * (written with NEW.col references) while old application versions still write the table.
     */
    static String syncTrigger(ServerVersion version, QualifiedName table, String function, String column,
                              String rowExpression) {
        String f = ident(function);
        return "CREATE FUNCTION " + f + "() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                + "BEGIN\n"
                + "  NEW." + ident(column) + " := " + rowExpression + ";\n"
                + "  RETURN NEW;\n"
                + "END $$;\n"
                + "CREATE TRIGGER " + f + " BEFORE INSERT OR UPDATE ON " + name(table)
                + " FOR EACH ROW " + executeFunction(version) + " " + f + "();";
    }

    // Words in an expression that are not column references.
    private static final java.util.Set<String> EXPRESSION_WORDS = java.util.Set.of(
            "and", "or", "not", "null", "is", "true", "false", "case", "when", "then", "else", "end", "as", "in",
            "like", "ilike", "similar", "between", "distinct", "from", "interval", "cast", "array", "collate",
            "current_timestamp", "current_date", "current_time", "localtimestamp", "localtime", "current_user",
            "session_user", "current_role", "user", "at", "time", "zone", "escape", "any", "all", "some");

    /**
     * The expression with its column references prefixed by {@code NEW.}, for use in a row
     * trigger: a bare word that is not a function name, type name or SQL keyword is a column.
     */
    static String rowExpression(List<Token> expression) {
        StringBuilder b = new StringBuilder();
        Token previous = null;
        for (int i = 0; i < expression.size(); i++) {
            Token t = expression.get(i);
            if (previous != null && t.offset() > previous.endOffset()) {
                b.append(' ');
            }
            Token next = i + 1 < expression.size() ? expression.get(i + 1) : null;
            boolean column = t.isIdentifier()
                    && (t.type() != io.github.migrationdelivery.engine.sql.TokenType.WORD
                            || !EXPRESSION_WORDS.contains(t.identifier()))
                    && (next == null || !next.isSymbol("(") && !next.isSymbol("."))
                    && (previous == null || !previous.isSymbol("::") && !previous.isSymbol(".") && !previous.is("AS"));
            b.append(column ? "NEW." + t.text() : t.text());
            previous = t;
        }
        return b.toString();
    }
}

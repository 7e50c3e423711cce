package io.github.migrationdelivery.engine.lint.rules.common;

import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.Token;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Pieces of a statement's text and names written back as SQL, so safe rewrites quote the user's
 * own clauses and identifiers instead of placeholders.
 */
public final class StatementText {

    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_$]*");

    private StatementText() {
    }

    /** The tokens' text as the user wrote it (from the statement), or joined by spaces when offsets do not match. */
    public static String of(StatementContext ctx, List<Token> tokens) {
        if (tokens.isEmpty()) {
            return "";
        }
        String sql = ctx.statement().sql();
        Token first = tokens.get(0);
        Token last = tokens.get(tokens.size() - 1);
        if (first.offset() >= 0 && last.endOffset() <= sql.length() && first.offset() <= last.offset()
                && sql.startsWith(first.text(), first.offset()) && sql.startsWith(last.text(), last.offset())) {
            return sql.substring(first.offset(), last.endOffset());
        }
        List<String> parts = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            parts.add(t.text());
        }
        return String.join(" ", parts);
    }

    /**
     * The top-level tokens after keyword {@code start} up to (not including) the first top-level
     * keyword in {@code stops}; empty when {@code start} does not occur at the top level.
     */
    public static List<Token> clause(List<Token> tokens, String start, Set<String> stops) {
        int depth = 0;
        int from = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && from < 0 && t.is(start)) {
                from = i + 1;
            } else if (depth == 0 && from >= 0 && stops.stream().anyMatch(t::is)) {
                return tokens.subList(from, i);
            }
        }
        return from < 0 ? List.of() : tokens.subList(from, tokens.size());
    }

    /** The tokens' text with {@code words} inserted after the token at {@code index}. */
    public static String insertAfter(StatementContext ctx, List<Token> tokens, int index, String words) {
        return of(ctx, tokens.subList(0, index + 1)) + " " + words
                + (index + 1 < tokens.size() ? " " + of(ctx, tokens.subList(index + 1, tokens.size())) : "");
    }

    /** Index of the first token that is {@code keyword} at or after {@code from}, or -1. */
    public static int indexOf(List<Token> tokens, String keyword, int from) {
        for (int i = Math.max(0, from); i < tokens.size(); i++) {
            if (tokens.get(i).is(keyword)) {
                return i;
            }
        }
        return -1;
    }

    /** An identifier as SQL: quoted when folding would change it or it is not a plain word. */
    public static String name(String identifier, Dialect dialect) {
        if (PLAIN_NAME.matcher(identifier).matches()) {
            return identifier;
        }
        char q = dialect.isMysqlFamily() ? '`' : '"';
        return q + identifier.replace(String.valueOf(q), String.valueOf(q) + q) + q;
    }

    public static String name(QualifiedName name, Dialect dialect) {
        return name.qualified() ? name(name.schema(), dialect) + "." + name(name.name(), dialect) : name(name.name(), dialect);
    }

    /** {@code schema.base_suffix} kept within PostgreSQL's 63-byte identifier limit by shortening the base. */
    public static QualifiedName derived(QualifiedName table, String base, String suffix) {
        String b = base;
        while ((b + suffix).getBytes(StandardCharsets.UTF_8).length > 63 && !b.isEmpty()) {
            b = b.substring(0, b.length() - 1);
        }
        return new QualifiedName(table.schema(), b + suffix);
    }
}

package io.github.migrationdelivery.engine.sql;

import java.util.Locale;

/**
 * A token with its place in the lexed text: {@code offset} is the index of its first character,
 * {@code line} and {@code column} are 1-based.
 */
public record Token(TokenType type, String text, int offset, int line, int column) {

    /** True for an unquoted word equal to {@code keyword}, ignoring case. */
    public boolean is(String keyword) {
        return type == TokenType.WORD && text.equalsIgnoreCase(keyword);
    }

    public boolean isSymbol(String symbol) {
        return type == TokenType.SYMBOL && text.equals(symbol);
    }

    public boolean isIdentifier() {
        return type == TokenType.WORD || type == TokenType.QUOTED_IDENTIFIER;
    }

    /**
     * The name this token denotes: unquoted words fold to lower case (as PostgreSQL folds them, and
     * as MySQL compares them), quoted identifiers keep their case without the quotes.
     */
    public String identifier() {
        if (type == TokenType.QUOTED_IDENTIFIER) {
            char q = text.charAt(0);
            String body = text.substring(1, text.length() - 1);
            return body.replace(String.valueOf(q) + q, String.valueOf(q));
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /** The content of a string literal without its quotes (dollar, E'' and plain). */
    public String stringValue() {
        if (type != TokenType.STRING) {
            return text;
        }
        if (text.startsWith("$")) {
            int tagEnd = text.indexOf('$', 1);
            return text.substring(tagEnd + 1, text.length() - (tagEnd + 1));
        }
        int open = text.indexOf(text.charAt(text.length() - 1));
        char q = text.charAt(open);
        return text.substring(open + 1, text.length() - 1).replace(String.valueOf(q) + q, String.valueOf(q));
    }

    public int endOffset() {
        return offset + text.length();
    }
}

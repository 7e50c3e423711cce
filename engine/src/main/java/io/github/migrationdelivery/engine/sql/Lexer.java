package io.github.migrationdelivery.engine.sql;

import io.github.migrationdelivery.engine.plan.Dialect;

import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written SQL lexer for PostgreSQL and MySQL/MariaDB. It never fails: an unterminated
 * string or comment runs to the end of the text (the splitter reports it), and an unknown
 * character becomes a one-character symbol. Hand-written because linting must be fast and must
 * understand text that no full parser accepts.
 */
public final class Lexer {

    private final String text;
    private final boolean mysql;
    private int pos;
    private int tokenStart;
    // Lines are counted lazily, when a token's line is asked for, so the scanning loops can simply
    // move pos. nextNewline is the first line end not yet counted (MAX_VALUE when there is none).
    private int nextNewline;
    private int line = 1;
    private int lineStart;
    private boolean unterminated;

    public Lexer(String text, Dialect dialect) {
        this.text = text;
        this.mysql = dialect.isMysqlFamily();
        this.nextNewline = newlineFrom(0);
    }

    /** All tokens of {@code text}, comments included. */
    public static List<Token> tokenize(String text, Dialect dialect) {
        Lexer lexer = new Lexer(text, dialect);
        List<Token> tokens = new ArrayList<>(Math.max(8, text.length() / 5));
        for (Token t = lexer.next(); t != null; t = lexer.next()) {
            tokens.add(t);
        }
        return tokens;
    }

    /** The tokens of {@code text} without comments. */
    public static List<Token> significant(String text, Dialect dialect) {
        Lexer lexer = new Lexer(text, dialect);
        List<Token> tokens = new ArrayList<>(Math.max(8, text.length() / 5));
        for (TokenType type = lexer.scan(); type != null; type = lexer.scan()) {
            if (!type.isComment()) {
                tokens.add(lexer.token(type));
            }
        }
        return tokens;
    }

    public int position() {
        return pos;
    }

    public int line() {
        syncLine(pos);
        return line;
    }

    public int column() {
        syncLine(pos);
        return pos - lineStart + 1;
    }

    /** True once a string, quoted identifier or comment ran to the end of the text unclosed. */
    public boolean sawUnterminated() {
        return unterminated;
    }

    /** Moves to {@code offset}, which must be at or after the current position. */
    public void skipTo(int offset) {
        advanceTo(offset);
    }

    /** Skips whitespace; returns true when the next token starts at the beginning of its line. */
    public boolean atLineStartAfterSpace() {
        skipSpace();
        syncLine(pos);
        for (int i = pos - 1; i >= lineStart; i--) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    public Token next() {
        TokenType type = scan();
        return type == null ? null : token(type);
    }

    /** The token {@link #scan} just found. */
    private Token token(TokenType type) {
        return new Token(type, text.substring(tokenStart, pos), tokenStart, tokenLine(), tokenColumn());
    }

    /** Where the token {@link #scan} found starts. */
    public int tokenStart() {
        return tokenStart;
    }

    /** Where the token {@link #scan} found ends (exclusive). */
    public int tokenEnd() {
        return pos;
    }

    public int tokenLine() {
        syncLine(tokenStart);
        return line;
    }

    public int tokenColumn() {
        syncLine(tokenStart);
        return tokenStart - lineStart + 1;
    }

    /** True when the scanned token is the unquoted word {@code keyword}, ignoring case. */
    public boolean tokenIs(TokenType type, String keyword) {
        return type == TokenType.WORD && pos - tokenStart == keyword.length()
                && text.regionMatches(true, tokenStart, keyword, 0, keyword.length());
    }

    /**
     * Finds the next token without building it (the splitter's fast path): returns its type, or
     * null at the end; {@link #tokenStart}, {@link #tokenEnd} and friends describe it.
     */
    public TokenType scan() {
        skipSpace();
        if (pos >= text.length()) {
            return null;
        }
        tokenStart = pos;
        char c = text.charAt(pos);
        char n = pos + 1 < text.length() ? text.charAt(pos + 1) : '\0';
        TokenType type;
        if (c == '-' && n == '-' || mysql && c == '#') {
            type = TokenType.LINE_COMMENT;
            int end = text.indexOf('\n', pos);
            advanceTo(end < 0 ? text.length() : end);
        } else if (c == '/' && n == '*') {
            type = TokenType.BLOCK_COMMENT;
            blockComment();
        } else if (c == '\'') {
            type = TokenType.STRING;
            quoted('\'', mysql);
        } else if ((c == 'E' || c == 'e') && n == '\'' && !mysql) {
            type = TokenType.STRING;
            advance(1);
            quoted('\'', true);
        } else if ((c == 'N' || c == 'n' || c == 'X' || c == 'x' || c == 'B' || c == 'b') && n == '\'') {
            type = TokenType.STRING;
            advance(1);
            quoted('\'', mysql);
        } else if (c == '"') {
            // MySQL without ANSI_QUOTES reads "..." as a string.
            type = mysql ? TokenType.STRING : TokenType.QUOTED_IDENTIFIER;
            quoted('"', mysql);
        } else if (c == '`' && mysql) {
            type = TokenType.QUOTED_IDENTIFIER;
            quoted('`', false);
        } else if (c == '$' && !mysql && dollarQuote()) {
            type = TokenType.STRING;
        } else if (c == '$' && Character.isDigit(n)) {
            type = TokenType.PARAMETER;
            advance(1);
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                advance(1);
            }
        } else if (Character.isDigit(c) || c == '.' && Character.isDigit(n)) {
            type = TokenType.NUMBER;
            number();
        } else if (isWordStart(c)) {
            type = TokenType.WORD;
            pos++;
            while (pos < text.length() && isWordPart(text.charAt(pos))) {
                pos++;
            }
        } else if (c == ':' && n != ':' && isWordStart(n)) {
            type = TokenType.PARAMETER;
            advance(1);
            while (pos < text.length() && isWordPart(text.charAt(pos))) {
                advance(1);
            }
        } else {
            type = TokenType.SYMBOL;
            symbol(c, n);
        }
        return type;
    }

    private void symbol(char c, char n) {
        // Multi-character operators matter only where they could hide a delimiter or quote.
        if (c == ':' && n == ':' || c == '<' && (n == '=' || n == '>') || c == '>' && n == '='
                || c == '!' && n == '=' || c == '|' && n == '|' || c == '-' && n == '>') {
            advance(2);
            if (c == '-' && pos < text.length() && text.charAt(pos) == '>') {
                advance(1);
            }
        } else {
            advance(1);
        }
    }

    private void number() {
        while (pos < text.length()) {
            char ch = text.charAt(pos);
            if (Character.isDigit(ch) || ch == '.' || ch == '_') {
                pos++;
            } else if ((ch == 'e' || ch == 'E') && pos + 1 < text.length()
                    && (Character.isDigit(text.charAt(pos + 1)) || text.charAt(pos + 1) == '-' || text.charAt(pos + 1) == '+')) {
                advance(2);
            } else {
                break;
            }
        }
    }

    private void blockComment() {
        // PostgreSQL block comments nest; MySQL's do not.
        int depth = 0;
        while (pos < text.length()) {
            char ch = text.charAt(pos);
            char nx = pos + 1 < text.length() ? text.charAt(pos + 1) : '\0';
            if (ch == '/' && nx == '*' && (depth == 0 || !mysql)) {
                depth++;
                advance(2);
            } else if (ch == '*' && nx == '/') {
                depth--;
                advance(2);
                if (depth == 0) {
                    return;
                }
            } else {
                advance(1);
            }
        }
        unterminated = true;
    }

    private void quoted(char quote, boolean backslashEscapes) {
        advance(1);
        while (pos < text.length()) {
            char ch = text.charAt(pos);
            if (backslashEscapes && ch == '\\' && pos + 1 < text.length()) {
                advance(2);
            } else if (ch == quote) {
                if (pos + 1 < text.length() && text.charAt(pos + 1) == quote) {
                    advance(2);
                } else {
                    advance(1);
                    return;
                }
            } else {
                advance(1);
            }
        }
        unterminated = true;
    }

    /** At a '$': consumes a dollar-quoted string and returns true, or consumes nothing. */
    private boolean dollarQuote() {
        int i = pos + 1;
        while (i < text.length() && isTagPart(text.charAt(i))) {
            i++;
        }
        if (i >= text.length() || text.charAt(i) != '$') {
            return false;
        }
        if (i > pos + 1 && Character.isDigit(text.charAt(pos + 1))) {
            return false; // $1$ is not a tag; positional parameters start with a digit
        }
        String tag = text.substring(pos, i + 1);
        int close = text.indexOf(tag, i + 1);
        if (close < 0) {
            unterminated = true;
            advanceTo(text.length());
        } else {
            advanceTo(close + tag.length());
        }
        return true;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private void advance(int count) {
        pos = Math.min(text.length(), pos + count);
    }

    private void advanceTo(int target) {
        pos = target;
    }

    private void syncLine(int upTo) {
        // indexOf is much faster than a loop over charAt, and finds each line end only once.
        while (nextNewline < upTo) {
            line++;
            lineStart = nextNewline + 1;
            nextNewline = newlineFrom(lineStart);
        }
    }

    private int newlineFrom(int from) {
        int i = text.indexOf('\n', from);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c > 127 && Character.isLetterOrDigit(c);
    }

    private boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || (mysql && c == '@');
    }

    private static boolean isTagPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}

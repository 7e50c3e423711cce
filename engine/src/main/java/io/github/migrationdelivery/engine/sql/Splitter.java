package io.github.migrationdelivery.engine.sql;

import io.github.migrationdelivery.engine.plan.Dialect;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements the way the migration tools do: at the delimiter, outside
 * quotes, dollar quotes, comments and SQL-standard function bodies ({@code BEGIN ATOMIC ... END}),
 * following MySQL's {@code DELIMITER} command. A statement keeps the comments above it (they hold
 * {@code md:allow} suppressions) and a comment on the same line after its delimiter.
 */
public final class Splitter {

    /** One statement: its text, and where its first non-comment token stands in the script. */
    public record Chunk(String sql, int offset, int line, int column) {
    }

    /** The statements, and where an unclosed quote or comment began (line 0 when none). */
    public record Result(List<Chunk> chunks, int unterminatedLine, int unterminatedColumn) {
        public boolean unterminated() {
            return unterminatedLine > 0;
        }
    }

    private final Dialect dialect;
    private final String delimiter;

    /** A splitter at {@code ;}, or at {@code delimiter} (Liquibase {@code endDelimiter}) when given. */
    public Splitter(Dialect dialect, String delimiter) {
        this.dialect = dialect;
        this.delimiter = delimiter == null || delimiter.isBlank() ? ";" : delimiter.strip();
    }

    public Splitter(Dialect dialect) {
        this(dialect, null);
    }

    /** The statement being collected: its text range and what the BEGIN ATOMIC tracking needs. */
    private static final class Pending {
        int start = -1;
        int end = -1;
        int firstLine;
        int firstColumn;
        boolean hasSignificant;
        int significantCount;
        boolean function;
        boolean lastWasBegin;

        /** Adds the statement (if it has more than comments) and starts a new one. */
        void flush(String text, List<Chunk> chunks) {
            if (hasSignificant) {
                chunks.add(new Chunk(text.substring(start, end), start, firstLine, firstColumn));
            }
            start = -1;
            hasSignificant = false;
            significantCount = 0;
            function = false;
            lastWasBegin = false;
        }
    }

    public Result split(String text) {
        Lexer lexer = new Lexer(text, dialect);
        List<Chunk> chunks = new ArrayList<>();
        Pending stmt = new Pending();
        String delim = delimiter;
        boolean semicolon = ";".equals(delim);
        int atomicDepth = 0;
        int delimiterLine = -1;
        int badLine = 0;
        int badColumn = 0;
        while (true) {
            boolean lineStart = lexer.atLineStartAfterSpace();
            int pos = lexer.position();
            if (pos >= text.length()) {
                break;
            }
            if (dialect.isMysqlFamily() && !stmt.hasSignificant && lineStart && isDelimiterCommand(text, pos)) {
                int eol = text.indexOf('\n', pos);
                eol = eol < 0 ? text.length() : eol;
                String newDelimiter = text.substring(pos + "DELIMITER".length(), eol).strip();
                if (!newDelimiter.isEmpty()) {
                    delim = newDelimiter;
                    semicolon = ";".equals(delim);
                }
                lexer.skipTo(eol);
                stmt.start = -1;
                continue;
            }
            if (!semicolon && atomicDepth == 0 && startsWithDelimiter(text, pos, delim, lineStart)) {
                stmt.flush(text, chunks);
                lexer.skipTo(pos + delim.length());
                delimiterLine = lexer.line();
                continue;
            }
            TokenType type = lexer.scan();
            if (type == null) {
                break;
            }
            int tokenStart = lexer.tokenStart();
            int tokenEnd = lexer.tokenEnd();
            if (lexer.sawUnterminated() && badLine == 0) {
                badLine = lexer.tokenLine();
                badColumn = lexer.tokenColumn();
            }
            if (type.isComment() && !stmt.hasSignificant && !chunks.isEmpty() && lexer.tokenLine() == delimiterLine) {
                Chunk previous = chunks.remove(chunks.size() - 1);
                chunks.add(new Chunk(text.substring(previous.offset(), tokenEnd), previous.offset(),
                        previous.line(), previous.column()));
                continue;
            }
            if (semicolon && type == TokenType.SYMBOL && text.charAt(tokenStart) == ';' && atomicDepth == 0) {
                stmt.flush(text, chunks);
                delimiterLine = lexer.tokenLine();
                continue;
            }
            if (stmt.start < 0) {
                stmt.start = tokenStart;
            }
            stmt.end = tokenEnd;
            // MySQL words may hold '$', so "END$$" lexes as one word: the delimiter is its tail.
            if (!semicolon && atomicDepth == 0 && stmt.hasSignificant && type == TokenType.WORD
                    && tokenEnd - tokenStart > delim.length() && text.startsWith(delim, tokenEnd - delim.length())) {
                stmt.end -= delim.length();
                stmt.flush(text, chunks);
                delimiterLine = lexer.line();
                continue;
            }
            if (type.isComment()) {
                continue;
            }
            if (!stmt.hasSignificant) {
                stmt.hasSignificant = true;
                stmt.firstLine = lexer.tokenLine();
                stmt.firstColumn = lexer.tokenColumn();
            }
            stmt.significantCount++;
            if (stmt.significantCount <= 4 && (lexer.tokenIs(type, "FUNCTION") || lexer.tokenIs(type, "PROCEDURE"))) {
                stmt.function = true;
            }
            // SQL-standard bodies (PostgreSQL 14+) hold semicolons between BEGIN ATOMIC and END.
            if (stmt.function && stmt.lastWasBegin && lexer.tokenIs(type, "ATOMIC")) {
                atomicDepth++;
            } else if (atomicDepth > 0 && lexer.tokenIs(type, "CASE")) {
                atomicDepth++;
            } else if (atomicDepth > 0 && lexer.tokenIs(type, "END")) {
                atomicDepth--;
            }
            stmt.lastWasBegin = lexer.tokenIs(type, "BEGIN");
        }
        stmt.flush(text, chunks);
        return new Result(chunks, badLine, badColumn);
    }

    private static boolean isDelimiterCommand(String text, int pos) {
        int after = pos + "DELIMITER".length();
        return text.regionMatches(true, pos, "DELIMITER", 0, "DELIMITER".length())
                && after < text.length() && (text.charAt(after) == ' ' || text.charAt(after) == '\t');
    }

    private static boolean startsWithDelimiter(String text, int pos, String delim, boolean lineStart) {
        if (!text.regionMatches(true, pos, delim, 0, delim.length())) {
            return false;
        }
        // A word delimiter such as GO counts only alone on its line, as SQL Server and Liquibase use it.
        if (Character.isLetter(delim.charAt(0))) {
            int after = pos + delim.length();
            boolean endsLine = after >= text.length() || text.charAt(after) == '\n' || text.charAt(after) == '\r';
            return lineStart && endsLine;
        }
        return true;
    }
}

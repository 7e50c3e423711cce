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

    public Result split(String text) {
        Lexer lexer = new Lexer(text, dialect);
        List<Chunk> chunks = new ArrayList<>();
        String delim = delimiter;
        int start = -1;
        int end = -1;
        Token first = null;
        Token lastSignificant = null;
        int significantCount = 0;
        boolean function = false;
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
            if (dialect.isMysqlFamily() && first == null && lineStart && isDelimiterCommand(text, pos)) {
                int eol = text.indexOf('\n', pos);
                eol = eol < 0 ? text.length() : eol;
                String newDelimiter = text.substring(pos + "DELIMITER".length(), eol).strip();
                if (!newDelimiter.isEmpty()) {
                    delim = newDelimiter;
                }
                lexer.skipTo(eol);
                start = -1;
                continue;
            }
            if (!";".equals(delim) && atomicDepth == 0 && startsWithDelimiter(text, pos, delim, lineStart)) {
                if (first != null) {
                    chunks.add(new Chunk(text.substring(start, end), start, first.line(), first.column()));
                }
                lexer.skipTo(pos + delim.length());
                delimiterLine = lexer.line();
                start = -1;
                first = null;
                lastSignificant = null;
                significantCount = 0;
                function = false;
                continue;
            }
            Token t = lexer.next();
            if (t == null) {
                break;
            }
            if (lexer.sawUnterminated() && badLine == 0) {
                badLine = t.line();
                badColumn = t.column();
            }
            if (t.type().isComment() && first == null && t.line() == delimiterLine && !chunks.isEmpty()) {
                Chunk previous = chunks.remove(chunks.size() - 1);
                chunks.add(new Chunk(text.substring(previous.offset(), t.endOffset()), previous.offset(),
                        previous.line(), previous.column()));
                continue;
            }
            if (";".equals(delim) && t.isSymbol(";") && atomicDepth == 0) {
                if (first != null) {
                    chunks.add(new Chunk(text.substring(start, end), start, first.line(), first.column()));
                }
                delimiterLine = t.line();
                start = -1;
                first = null;
                lastSignificant = null;
                significantCount = 0;
                function = false;
                continue;
            }
            if (start < 0) {
                start = t.offset();
            }
            end = t.endOffset();
            // MySQL words may hold '$', so "END$$" lexes as one word: the delimiter is its tail.
            if (!";".equals(delim) && atomicDepth == 0 && first != null && t.type() == TokenType.WORD
                    && t.text().length() > delim.length() && t.text().endsWith(delim)) {
                end -= delim.length();
                chunks.add(new Chunk(text.substring(start, end), start, first.line(), first.column()));
                delimiterLine = lexer.line();
                start = -1;
                first = null;
                lastSignificant = null;
                significantCount = 0;
                function = false;
                continue;
            }
            if (t.type().isComment()) {
                continue;
            }
            if (first == null) {
                first = t;
            }
            significantCount++;
            if (significantCount <= 4 && (t.is("FUNCTION") || t.is("PROCEDURE"))) {
                function = true;
            }
            // SQL-standard bodies (PostgreSQL 14+) hold semicolons between BEGIN ATOMIC and END.
            if (function && lastSignificant != null && lastSignificant.is("BEGIN") && t.is("ATOMIC")) {
                atomicDepth++;
            } else if (atomicDepth > 0 && t.is("CASE")) {
                atomicDepth++;
            } else if (atomicDepth > 0 && t.is("END")) {
                atomicDepth--;
            }
            lastSignificant = t;
        }
        if (first != null) {
            chunks.add(new Chunk(text.substring(start, end), start, first.line(), first.column()));
        }
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

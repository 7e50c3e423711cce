package io.github.migrationdelivery.engine.source;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.SourcePosition;
import io.github.migrationdelivery.engine.plan.Statement;
import io.github.migrationdelivery.engine.sql.Splitter;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The text of one user file, read strictly as UTF-8, with the offsets of its lines so that a
 * character offset can be turned into a line and column.
 */
final class SourceText {

    private final Path file;
    private final String text;
    private int[] lineStarts;

    SourceText(Path file, String text) {
        this.file = file;
        this.text = text;
    }

    /** Reads {@code file}; a file that is not UTF-8 text (or holds NUL bytes) is bad input. */
    static SourceText read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            throw EngineException.badInput(SourcePosition.of(file), "not a UTF-8 text file (binary?)");
        } catch (NoSuchFileException e) {
            throw EngineException.badInput(SourcePosition.of(file), "file not found");
        } catch (IOException e) {
            throw EngineException.badInput(SourcePosition.of(file), "cannot read file: " + e.getMessage(), e);
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            SourceText t = new SourceText(file, text);
            throw EngineException.badInput(t.positionAt(nul), "not a text file (it holds NUL bytes)");
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1); // a byte-order mark is not SQL
        }
        return new SourceText(file, text);
    }

    Path file() {
        return file;
    }

    String text() {
        return text;
    }

    /** The 1-based line and column of {@code offset} in this file. */
    SourcePosition positionAt(int offset) {
        int[] starts = lineStarts();
        int i = Arrays.binarySearch(starts, offset);
        int lineIndex = i >= 0 ? i : -i - 2;
        return new SourcePosition(file, lineIndex + 1, offset - starts[lineIndex] + 1);
    }

    /** The offset of 1-based {@code line} and {@code column}. */
    int offsetOf(int line, int column) {
        int[] starts = lineStarts();
        return starts[Math.min(line, starts.length) - 1] + column - 1;
    }

    private int[] lineStarts() {
        if (lineStarts == null) {
            int[] starts = new int[16];
            int n = 1;
            for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
            lineStarts = Arrays.copyOf(starts, n);
        }
        return lineStarts;
    }

    /**
     * Splits the whole file into statements placed at their first token; an unclosed quote or
     * comment is bad input at the place it opens.
     */
    List<Statement> statements(Dialect dialect, String delimiter) {
        Splitter.Result result = new Splitter(dialect, delimiter).split(text);
        if (result.unterminated()) {
            throw EngineException.badInput(
                    new SourcePosition(file, result.unterminatedLine(), result.unterminatedColumn()),
                    "unterminated quote or comment");
        }
        List<Statement> statements = new ArrayList<>(result.chunks().size());
        for (Splitter.Chunk chunk : result.chunks()) {
            statements.add(new Statement(chunk.sql(), new SourcePosition(file, chunk.line(), chunk.column())));
        }
        return statements;
    }
}

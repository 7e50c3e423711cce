package io.github.migrationdelivery.engine.plan;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A place in a user's file. Lines and columns are 1-based; 0 means unknown. The file is kept as
 * given (relative paths stay relative) so reports show what the user typed.
 */
public record SourcePosition(Path file, int line, int column) {

    public SourcePosition {
        Objects.requireNonNull(file, "file");
    }

    public static SourcePosition of(Path file) {
        return new SourcePosition(file, 0, 0);
    }

    /** The position {@code lineDelta} lines and so many columns after this one (for text inside a file). */
    public SourcePosition shift(int lineInText, int columnInText) {
        if (line == 0) {
            return this;
        }
        int newLine = line + lineInText - 1;
        int newColumn = lineInText == 1 ? column + columnInText - 1 : columnInText;
        return new SourcePosition(file, newLine, newColumn);
    }

    @Override
    public String toString() {
        String f = file.toString().replace('\\', '/');
        if (line <= 0) {
            return f;
        }
        return column <= 0 ? f + ":" + line : f + ":" + line + ":" + column;
    }
}

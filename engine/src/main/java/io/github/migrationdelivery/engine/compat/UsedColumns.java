package io.github.migrationdelivery.engine.compat;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.SourcePosition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tables and columns the application version still running uses ({@code --used-columns}):
 * one {@code table.column} per line ({@code schema.table.column} outside PostgreSQL's public
 * schema), {@code table.*} for every column of a table, {@code #} starts a comment, blank lines
 * are ignored. Names compare case-insensitively.
 *
 * @param columns the lines, lower case, as written ({@code orders.status}, {@code orders.*})
 */
public record UsedColumns(Set<String> columns) {

    public UsedColumns {
        columns = Set.copyOf(columns);
    }

    public static UsedColumns read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw EngineException.badInput(SourcePosition.of(file), "--used-columns: file not found");
        } catch (IOException e) {
            throw EngineException.badInput(SourcePosition.of(file), "--used-columns: cannot read: " + e.getMessage());
        }
        Set<String> columns = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String entry = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (entry.isEmpty()) {
                continue;
            }
            int dot = entry.lastIndexOf('.');
            if (dot <= 0 || dot == entry.length() - 1 || entry.contains(" ")) {
                throw EngineException.badInput(new SourcePosition(file, i + 1, 1),
                        "--used-columns: expected table.column (or table.*), not \"" + entry + "\"");
            }
            columns.add(entry.toLowerCase(Locale.ROOT));
        }
        return new UsedColumns(columns);
    }

    /** True when the running version uses this column of {@code table}. */
    public boolean uses(String table, String column) {
        String t = table.toLowerCase(Locale.ROOT);
        return columns.contains(t + "." + column.toLowerCase(Locale.ROOT)) || columns.contains(t + ".*");
    }

    /** True when the running version uses any column of {@code table} (or view). */
    public boolean usesTable(String table) {
        String prefix = table.toLowerCase(Locale.ROOT) + ".";
        return columns.stream().anyMatch(c -> c.startsWith(prefix) && c.indexOf('.', prefix.length()) < 0);
    }
}

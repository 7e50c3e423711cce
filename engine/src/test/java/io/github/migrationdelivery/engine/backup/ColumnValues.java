package io.github.migrationdelivery.engine.backup;

import io.github.migrationdelivery.engine.testdb.TestDatabase;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** A column's values by a single-column integer key, from a database or from a column copy, for restore tests. */
final class ColumnValues {

    private ColumnValues() {
    }

    /** {@code orders.note} by {@code id}. */
    static Map<Long, String> notes(TestDatabase d) throws SQLException {
        Map<Long, String> notes = new LinkedHashMap<>();
        try (Connection c = d.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, note FROM orders ORDER BY id")) {
            while (rs.next()) {
                notes.put(rs.getLong(1), rs.getString(2));
            }
        }
        return notes;
    }

    /** What a column copy file holds, read as restore-column reads it. */
    static Map<Long, String> inCopy(Path file) throws IOException, SQLException {
        Map<Long, String> values = new LinkedHashMap<>();
        try (InputStream in = ColumnCopyCsv.open(file)) {
            ColumnCopyCsv.read(in, row -> values.put(Long.parseLong(row.get(0)), row.get(1)));
        }
        return values;
    }
}

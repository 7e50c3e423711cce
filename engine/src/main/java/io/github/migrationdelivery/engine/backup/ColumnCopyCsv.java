package io.github.migrationdelivery.engine.backup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The column copy's file: gzip, UTF-8 CSV as PostgreSQL's {@code COPY ... (FORMAT csv, HEADER)}
 * writes and reads it, so one file format serves both dialects. NULL is an unquoted empty field;
 * every other value is quoted (an empty string is {@code ""}), quotes doubled, newlines kept inside quotes.
 */
final class ColumnCopyCsv {

    private ColumnCopyCsv() {
    }

    /** A new copy file (its directory created), gzip at the fastest level: the copy is written inside the dump's snapshot. */
    static OutputStream create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    static InputStream open(Path file) throws IOException {
        return new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)), 1 << 16);
    }

    /** Writes every row of {@code rows} (the key columns, then the column) with a header; returns the rows written. */
    static long write(ResultSet rows, OutputStream out) throws SQLException, IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        int n = rows.getMetaData().getColumnCount();
        for (int i = 1; i <= n; i++) {
            w.write(i == 1 ? "" : ",");
            field(w, rows.getMetaData().getColumnLabel(i));
        }
        w.write('\n');
        long count = 0;
        while (rows.next()) {
            for (int i = 1; i <= n; i++) {
                w.write(i == 1 ? "" : ",");
                field(w, rows.getString(i));
            }
            w.write('\n');
            count++;
        }
        w.flush();
        return count;
    }

    private static void field(Writer w, String value) throws IOException {
        if (value != null) {
            w.write('"');
            w.write(value.replace("\"", "\"\""));
            w.write('"');
        }
    }

    /** Receives one row of a copy: its fields in file order, {@code null} for NULL. */
    interface RowSink {
        void row(List<String> fields) throws SQLException;
    }

    /** Reads every row after the header into {@code sink}; returns the rows read. */
    static long read(InputStream in, RowSink sink) throws IOException, SQLException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        List<String> fields = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        boolean inQuotes = false;
        boolean header = true;
        long count = 0;
        for (int ch; (ch = r.read()) >= 0; ) {
            if (inQuotes) {
                if (ch != '"') {
                    value.append((char) ch);
                } else {
                    r.mark(1);
                    if (r.read() == '"') {
                        value.append('"');
                    } else {
                        r.reset();
                        inQuotes = false;
                    }
                }
            } else if (ch == '"') {
                inQuotes = true;
                quoted = true;
            } else if (ch == ',' || ch == '\n') {
                fields.add(quoted || !value.isEmpty() ? value.toString() : null);
                value.setLength(0);
                quoted = false;
                if (ch == '\n') {
                    if (!header) {
                        sink.row(new ArrayList<>(fields));
                        count++;
                    }
                    header = false;
                    fields.clear();
                }
            } else if (ch != '\r') {
                value.append((char) ch);
            }
        }
        return count;
    }
}

package io.github.migrationdelivery.engine.backup;

import io.github.migrationdelivery.engine.plan.Dialect;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Each dropped column's values with the table's primary key, written to {@code columns/} in the
 * snapshot the row counts use. A table without a primary key has no key to restore by: the table
 * dump holds the column, and the manifest says so in {@code absent}.
 */
final class ColumnCopies {

    private ColumnCopies() {
    }

    /** A dropped column as the server has it. */
    record Found(TableRef table, String column, String type, List<String> keys, List<String> keyTypes) {

        /** The column with the primary key {@code keyQuery} lists: one row per key column, its name and type, in key order. */
        static Found keyedBy(TableRef table, String column, String type, PreparedStatement keyQuery) throws SQLException {
            List<String> keys = new ArrayList<>();
            List<String> keyTypes = new ArrayList<>();
            try (ResultSet rs = keyQuery.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                    keyTypes.add(rs.getString(2));
                }
            }
            return new Found(table, column, type, keys, keyTypes);
        }

        /** The key columns, then the column. */
        String select(Dialect dialect) {
            StringBuilder select = new StringBuilder("SELECT ");
            for (String k : keys) {
                select.append(TableRef.quote(dialect, k)).append(", ");
            }
            return select.append(TableRef.quote(dialect, column)).append(" FROM ").append(table.sql(dialect)).toString();
        }
    }

    /** How one dialect finds a column and writes its copy. */
    interface Source {
        /** The column with its type and the table's primary key (empty when there is none); null when the table or column is missing. */
        Found find(BackupScope.DroppedColumn dropped) throws SQLException;

        /** Writes {@link Found#select}'s rows as {@link ColumnCopyCsv} to {@code out}; returns the rows. */
        long write(Found found, OutputStream out) throws SQLException, IOException;
    }

    static List<BackupManifest.ColumnCopy> take(Source source, BackupScope scope, Path dir, List<String> absent,
                                                List<String> files) throws SQLException {
        List<BackupManifest.ColumnCopy> copies = new ArrayList<>();
        for (BackupScope.DroppedColumn dropped : scope.droppedColumns()) {
            Found found = source.find(dropped);
            String what = dropped.table() + "." + dropped.column();
            if (found == null) {
                continue; // the table or column is not there: nothing to keep (the table is in absent already when missing)
            }
            if (found.keys().isEmpty()) {
                absent.add(what + " (column copy: the table has no primary key; the table dump holds the column)");
                continue;
            }
            String file = "columns/" + found.table().key() + "." + found.column() + ".csv.gz";
            Path path = dir.resolve(file);
            long rows;
            try (OutputStream out = ColumnCopyCsv.create(path)) {
                rows = source.write(found, out);
            } catch (IOException e) {
                throw Backup.failed("writing the copy of column " + what + " to " + path + ": " + e.getMessage());
            }
            files.add(file);
            copies.add(new BackupManifest.ColumnCopy(found.table().key(), found.column(), found.type(), found.keys(),
                    found.keyTypes(), file, rows));
        }
        return copies;
    }
}

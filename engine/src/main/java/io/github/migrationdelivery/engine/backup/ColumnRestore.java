package io.github.migrationdelivery.engine.backup;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Puts a dropped column's values back from a backup's column copy, by primary key, without
 * restoring the table, in one transaction: on PostgreSQL the copy is loaded into a temporary table
 * and joined in one UPDATE; on MariaDB it is sent as batched UPDATEs by primary key (of the
 * database the target names). The column is added (nullable, the type it had) when it is not there yet.
 *
 * @param manifestFile the backup's {@value BackupManifest#FILE_NAME}
 */
public record ColumnRestore(Path manifestFile, String table, String column) {

    /** Rows sent to MariaDB per batch of UPDATEs. */
    private static final int BATCH = 1000;

    /** What a restore did. */
    public record Restored(String table, String column, long rowsInCopy, long rowsUpdated, boolean columnAdded) {
    }

    public Restored into(ConnectionSpec target) {
        BackupManifest manifest = BackupManifest.read(manifestFile);
        BackupManifest.ColumnCopy copy = manifest.columnCopy(table, column).orElseThrow(() -> EngineException.badInput(
                "backup " + manifest.id() + " (" + manifestFile + ") holds no copy of column " + table + "." + column
                        + " (copies: " + manifest.columnCopies().stream().map(c -> c.table() + "." + c.column()).toList() + ")"));
        Path file = manifestFile.toAbsolutePath().getParent().resolve(copy.file());
        String recorded = manifest.files().stream().filter(f -> f.path().equals(copy.file())).map(BackupManifest.BackupFile::sha256)
                .findFirst().orElse("");
        try {
            if (!Sha256.of(file).equals(recorded)) {
                throw Backup.failed("column copy " + file + " changed since backup " + manifest.id() + " (SHA-256 differs)");
            }
        } catch (IOException e) {
            throw Backup.failed("column copy " + file + " cannot be read: " + e.getMessage());
        }
        int dot = copy.table().indexOf('.');
        String name = copy.table().substring(dot + 1);
        try (Connection c = target.connect()) {
            return target.dialect() == Dialect.POSTGRESQL
                    ? postgres(c, copy, new TableRef(copy.table().substring(0, dot), name), file)
                    : mariadb(c, copy, new TableRef(target.database(), name), file);
        } catch (SQLException e) {
            throw new EngineException(EngineException.Kind.DATABASE, "restoring column " + copy.table() + "." + copy.column()
                    + " into " + target.redacted() + ": " + EngineException.serverMessage(e), null, null);
        } catch (IOException e) {
            throw Backup.failed("reading column copy " + file + ": " + e.getMessage());
        }
    }

    /** The copy loaded by COPY into a temporary table and joined in one UPDATE. */
    private static Restored postgres(Connection c, BackupManifest.ColumnCopy copy, TableRef ref, Path file)
            throws SQLException, IOException {
        String tableSql = ref.sql(Dialect.POSTGRESQL);
        String columnSql = TableRef.quote(Dialect.POSTGRESQL, copy.column());
        c.setAutoCommit(false);
        boolean added = PostgresBackup.columnType(c, tableSql, copy.column()) == null;
        try (Statement s = c.createStatement()) {
            if (added) {
                s.execute("ALTER TABLE " + tableSql + " ADD COLUMN " + columnSql + " " + copy.type());
            }
            StringBuilder create = new StringBuilder("CREATE TEMP TABLE md_column_copy (");
            StringBuilder join = new StringBuilder();
            for (int i = 0; i < copy.keyColumns().size(); i++) {
                create.append("k").append(i).append(' ').append(copy.keyTypes().get(i)).append(", ");
                join.append(i == 0 ? "" : " AND ").append("t.").append(TableRef.quote(Dialect.POSTGRESQL, copy.keyColumns().get(i)))
                        .append(" = m.k").append(i);
            }
            s.execute(create.append("v ").append(copy.type()).append(") ON COMMIT DROP").toString());
            long loaded;
            try (InputStream in = ColumnCopyCsv.open(file)) {
                loaded = c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY md_column_copy FROM STDIN (FORMAT csv, HEADER)", in);
            }
            long updated = s.executeUpdate("UPDATE " + tableSql + " t SET " + columnSql + " = m.v FROM md_column_copy m WHERE " + join);
            c.commit();
            return new Restored(copy.table(), copy.column(), loaded, updated, added);
        }
    }

    /**
     * One UPDATE by primary key per row of the copy, sent in batches, committed once. Adding the
     * column is DDL, which MariaDB commits on its own: it happens before the transaction.
     */
    private static Restored mariadb(Connection c, BackupManifest.ColumnCopy copy, TableRef ref, Path file)
            throws SQLException, IOException {
        String tableSql = ref.sql(Dialect.MARIADB);
        String columnSql = TableRef.quote(Dialect.MARIADB, copy.column());
        boolean added = MariadbBackup.columnType(c, ref, copy.column()) == null;
        if (added) {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + tableSql + " ADD COLUMN " + columnSql + " " + copy.type());
            }
        }
        StringBuilder update = new StringBuilder("UPDATE " + tableSql + " SET " + columnSql + " = ? WHERE ");
        for (int i = 0; i < copy.keyColumns().size(); i++) {
            update.append(i == 0 ? "" : " AND ").append(TableRef.quote(Dialect.MARIADB, copy.keyColumns().get(i))).append(" = ?");
        }
        c.setAutoCommit(false);
        long[] updated = {0};
        int keys = copy.keyColumns().size();
        try (PreparedStatement ps = c.prepareStatement(update.toString()); InputStream in = ColumnCopyCsv.open(file)) {
            int[] pending = {0};
            long loaded = ColumnCopyCsv.read(in, row -> {
                ps.setString(1, row.get(keys));
                for (int i = 0; i < keys; i++) {
                    ps.setString(i + 2, row.get(i));
                }
                ps.addBatch();
                if (++pending[0] == BATCH) {
                    updated[0] += sum(ps.executeBatch());
                    pending[0] = 0;
                }
            });
            updated[0] += sum(ps.executeBatch());
            c.commit();
            return new Restored(copy.table(), copy.column(), loaded, updated[0], added);
        }
    }

    private static long sum(int[] counts) {
        long n = 0;
        for (int count : counts) {
            n += count;
        }
        return n;
    }
}

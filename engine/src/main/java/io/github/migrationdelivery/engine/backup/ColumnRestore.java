package io.github.migrationdelivery.engine.backup;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;
import org.postgresql.PGConnection;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.GZIPInputStream;

/**
 * Puts a dropped column's values back from a backup's column copy, by primary key, without
 * restoring the table: the copy is loaded into a temporary table and joined in one UPDATE, in one
 * transaction. The column is added (nullable, the type it had) when it is not there yet.
 *
 * @param manifestFile the backup's {@value BackupManifest#FILE_NAME}
 */
public record ColumnRestore(Path manifestFile, String table, String column) {

    /** What a restore did. */
    public record Restored(String table, String column, long rowsInCopy, long rowsUpdated, boolean columnAdded) {
    }

    public Restored into(ConnectionSpec target) {
        BackupManifest manifest = BackupManifest.read(manifestFile);
        BackupManifest.ColumnCopy copy = manifest.columnCopy(table, column).orElseThrow(() -> EngineException.badInput(
                "backup " + manifest.id() + " (" + manifestFile + ") holds no copy of column " + table + "." + column
                        + " (copies: " + manifest.columnCopies().stream().map(c -> c.table() + "." + c.column()).toList() + ")"));
        if (target.dialect() != Dialect.POSTGRESQL) {
            throw EngineException.badInput("restoring a column copy needs PostgreSQL; the target is " + target.dialect().id());
        }
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
        TableRef ref = new TableRef(copy.table().substring(0, dot), copy.table().substring(dot + 1));
        String tableSql = ref.sql(Dialect.POSTGRESQL);
        String columnSql = TableRef.quote(Dialect.POSTGRESQL, copy.column());
        try (Connection c = target.connect()) {
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
                try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)), 1 << 16)) {
                    loaded = c.unwrap(PGConnection.class).getCopyAPI()
                            .copyIn("COPY md_column_copy FROM STDIN (FORMAT csv, HEADER)", in);
                }
                long updated = s.executeUpdate("UPDATE " + tableSql + " t SET " + columnSql + " = m.v FROM md_column_copy m WHERE " + join);
                c.commit();
                return new Restored(copy.table(), copy.column(), loaded, updated, added);
            }
        } catch (SQLException e) {
            throw new EngineException(EngineException.Kind.DATABASE, "restoring column " + copy.table() + "." + copy.column()
                    + " into " + target.redacted() + ": " + EngineException.serverMessage(e), null, null);
        } catch (IOException e) {
            throw Backup.failed("reading column copy " + file + ": " + e.getMessage());
        }
    }
}

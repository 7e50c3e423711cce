package io.github.migrationdelivery.engine.backup;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.snapshot.ClientTools;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;
import io.github.migrationdelivery.engine.snapshot.Snapshot;
import io.github.migrationdelivery.engine.snapshot.Snapshots;
import io.github.migrationdelivery.engine.sql.QualifiedName;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code mariadb-dump --single-transaction} of the tables a plan can destroy (or of the whole
 * database). A dump cannot share its snapshot with another session, so the rows are counted in a
 * consistent snapshot of our own just before, and the archive's rows (its INSERT tuples) must
 * equal them: a table written to during the backup fails it rather than pass unchecked.
 * Dropped columns are also copied, keyed by primary key, in the snapshot that counts.
 */
final class MariadbBackup implements DialectBackup {

    static final String ARCHIVE = "tables.sql";
    static final String DATABASE_ARCHIVE = "database.sql";

    /** Rows fetched at a time: the copy streams rather than holding a large table in memory. */
    private static final int STREAMED_ROWS = 4096;

    private final ConnectionSpec target;
    private final Path mariadbDump;

    MariadbBackup(ConnectionSpec target, Path mariadbDump) {
        this.target = target;
        this.mariadbDump = mariadbDump;
    }

    @Override
    public Dumped dump(BackupScope scope, Path dir) {
        String database = target.database();
        if (database.isEmpty()) {
            throw EngineException.badInput("backup: the target URL names no database (" + target.redacted() + ")");
        }
        String archive = scope.wholeDatabase() ? DATABASE_ARCHIVE : ARCHIVE;
        List<String> absent = new ArrayList<>();
        Map<String, Long> counts;
        List<TableRef> tables;
        List<BackupManifest.ColumnCopy> copies;
        List<String> files = new ArrayList<>(List.of(archive));
        try (Connection c = target.connect()) {
            tables = scope.wholeDatabase() ? allTables(c, database) : resolve(c, database, scope.tables(), absent);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
            }
            counts = RowCounts.count(c, tables, Dialect.MARIADB);
            copies = ColumnCopies.take(columnSource(c, database), scope, dir, absent, files);
            c.commit();
        } catch (SQLException e) {
            throw new EngineException(EngineException.Kind.DATABASE, "backup of " + target.redacted() + ": "
                    + EngineException.serverMessage(e), null, null);
        }
        if (!scope.wholeDatabase() && tables.isEmpty()) {
            throw Backup.failed("backup of " + target.redacted() + ": none of the tables the plan destroys exists ("
                    + String.join(", ", absent) + ")");
        }
        List<String> command = new ArrayList<>(List.of(mariadbDump.toString(), "--single-transaction", "--quick",
                "--hex-blob", "--result-file=" + dir.resolve(archive)));
        if (scope.wholeDatabase()) {
            command.addAll(List.of("--routines", "--triggers", "--events"));
        }
        command.addAll(ClientTools.mysqlArgs(target));
        command.add(database);
        if (!scope.wholeDatabase()) {
            tables.forEach(t -> command.add(t.name()));
        }
        try {
            ClientTools.run(List.of(command), ClientTools.passwordEnvironment(target), null,
                    "mariadb-dump of " + target.redacted() + " to " + dir);
        } catch (EngineException e) {
            throw Backup.failed(e.getMessage());
        }
        Map<String, String> tools = Map.of("mariadb-dump", PostgresBackup.version(mariadbDump));
        return new Dumped(archive, files, counts, copies, absent, tools);
    }

    @Override
    public BackupManifest.Verification verify(Dumped dumped, Path dir, boolean restore) {
        Path archive = dir.resolve(dumped.archive());
        String text = createdTables(archive);
        if (!tail(archive).contains("-- Dump completed")) {
            throw Backup.failed("archive " + archive + " is incomplete: it does not end with mariadb-dump's"
                    + " \"Dump completed\" line");
        }
        List<TableRef> tables = TableRef.all(dumped.rowCounts().keySet());
        for (TableRef t : tables) {
            if (!text.contains("CREATE TABLE " + TableRef.quote(Dialect.MARIADB, t.name()) + " (")) {
                throw Backup.failed("archive " + archive + " does not create table " + t.key());
            }
        }
        Map<String, Long> found = new LinkedHashMap<>();
        String where;
        if (restore) {
            where = "in the restored copy";
            try (Snapshot copy = Snapshots.restored(archive, target).open(); Connection c = copy.connection().connect()) {
                String copyDb = copy.connection().database();
                List<TableRef> there = tables.stream().map(t -> new TableRef(copyDb, t.name())).toList();
                Map<String, Long> counted = RowCounts.count(c, there, Dialect.MARIADB);
                for (TableRef t : tables) {
                    found.put(t.key(), counted.get(copyDb + "." + t.name()));
                }
            } catch (SQLException e) {
                throw Backup.failed("counting rows in the restored copy of " + archive + ": "
                        + EngineException.serverMessage(e));
            }
        } else {
            where = "in the archive";
            Map<String, Long> inserted = ArchiveRows.mysql(archive);
            for (TableRef t : tables) {
                found.put(t.key(), inserted.getOrDefault(t.name(), 0L));
            }
        }
        String difference = RowCounts.firstDifference(dumped.rowCounts(), found, where);
        if (!difference.isEmpty()) {
            throw Backup.failed("archive " + archive + " does not hold the rows counted at backup time: " + difference
                    + " (rows written during the backup? take it again)");
        }
        return new BackupManifest.Verification(true, true, restore);
    }

    /** Dropped columns from information_schema, read through JDBC in the counting snapshot. */
    private static ColumnCopies.Source columnSource(Connection c, String database) {
        return new ColumnCopies.Source() {
            @Override
            public ColumnCopies.Found find(BackupScope.DroppedColumn dropped) throws SQLException {
                if (dropped.table().qualified() && !dropped.table().schema().equals(database)) {
                    return null;
                }
                TableRef table = new TableRef(database, dropped.table().name());
                String type = columnType(c, table, dropped.column());
                if (type == null) {
                    return null;
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT k.COLUMN_NAME, c.COLUMN_TYPE "
                        + "FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.COLUMNS c "
                        + "ON c.TABLE_SCHEMA = k.TABLE_SCHEMA AND c.TABLE_NAME = k.TABLE_NAME AND c.COLUMN_NAME = k.COLUMN_NAME "
                        + "WHERE k.TABLE_SCHEMA = ? AND k.TABLE_NAME = ? AND k.CONSTRAINT_NAME = 'PRIMARY' ORDER BY k.ORDINAL_POSITION")) {
                    ps.setString(1, database);
                    ps.setString(2, table.name());
                    return ColumnCopies.Found.keyedBy(table, dropped.column(), type, ps);
                }
            }

            @Override
            public long write(ColumnCopies.Found found, OutputStream out) throws SQLException, IOException {
                try (Statement s = c.createStatement()) {
                    s.setFetchSize(STREAMED_ROWS);
                    try (ResultSet rs = s.executeQuery(found.select(Dialect.MARIADB))) {
                        return ColumnCopyCsv.write(rs, out);
                    }
                }
            }
        };
    }

    /** The column's type with its character set (a column re-added under the table's default could not hold the values); null when missing. */
    static String columnType(Connection c, TableRef table, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT CONCAT(COLUMN_TYPE, IF(CHARACTER_SET_NAME IS NULL, '', "
                + "CONCAT(' CHARACTER SET ', CHARACTER_SET_NAME, ' COLLATE ', COLLATION_NAME))) "
                + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static List<TableRef> resolve(Connection c, String database, List<QualifiedName> names, List<String> absent)
            throws SQLException {
        List<TableRef> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND TABLE_TYPE = 'BASE TABLE'")) {
            for (QualifiedName name : names) {
                if (name.qualified() && !name.schema().equals(database)) {
                    absent.add(name + " (in another database than the target's " + database + ")");
                    continue;
                }
                ps.setString(1, database);
                ps.setString(2, name.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        TableRef t = new TableRef(database, rs.getString(1));
                        if (!found.contains(t)) {
                            found.add(t);
                        }
                    } else {
                        absent.add(name.toString());
                    }
                }
            }
        }
        return found;
    }

    private static List<TableRef> allTables(Connection c, String database) throws SQLException {
        List<TableRef> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(new TableRef(database, rs.getString(1)));
                }
            }
        }
        return all;
    }

    /** The lines of the dump that create tables, read streaming (the rows are not kept). */
    private static String createdTables(Path archive) {
        StringBuilder ddl = new StringBuilder();
        try (var lines = Files.lines(archive, StandardCharsets.UTF_8)) {
            lines.filter(l -> l.startsWith("CREATE TABLE ")).forEach(l -> ddl.append(l).append('\n'));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw Backup.failed("reading " + archive + ": " + e.getMessage());
        }
        return ddl.toString();
    }

    private static String tail(Path archive) {
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "r")) {
            long from = Math.max(0, f.length() - 512);
            byte[] last = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(last);
            return new String(last, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Backup.failed("reading " + archive + ": " + e.getMessage());
        }
    }
}

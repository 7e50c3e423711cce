package io.github.migrationdelivery.engine.backup;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.snapshot.ClientTools;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;
import io.github.migrationdelivery.engine.snapshot.Snapshot;
import io.github.migrationdelivery.engine.snapshot.Snapshots;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code pg_dump --format=custom} of the tables a plan can destroy (or of the whole database), in
 * a snapshot exported by our own REPEATABLE READ transaction: pg_dump reads with
 * {@code --snapshot}, and the row counts and column copies are read in the same transaction while
 * pg_dump runs, so they describe exactly the rows in the archive, on a second core.
 */
final class PostgresBackup implements DialectBackup {

    static final String ARCHIVE = "tables.dump";
    static final String DATABASE_ARCHIVE = "database.dump";

    private final ConnectionSpec target;
    private final Path pgDump;
    private final Path pgRestore;

    PostgresBackup(ConnectionSpec target, Path pgDump, Path pgRestore) {
        this.target = target;
        this.pgDump = pgDump;
        this.pgRestore = pgRestore;
    }

    @Override
    public Dumped dump(BackupScope scope, Path dir) {
        Map<String, String> tools = new LinkedHashMap<>();
        tools.put("pg_dump", version(pgDump));
        tools.put("pg_restore", version(pgRestore));
        String archive = scope.wholeDatabase() ? DATABASE_ARCHIVE : ARCHIVE;
        try (Connection c = target.connect()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            String snapshot = queryString(c, "SELECT pg_export_snapshot()");
            List<String> absent = new ArrayList<>();
            List<TableRef> tables = scope.wholeDatabase() ? allTables(c) : resolve(c, scope.tables(), absent);
            List<String> command = new ArrayList<>(List.of(pgDump.toString(), "--format=custom", "--snapshot=" + snapshot,
                    "--no-password", "--file=" + dir.resolve(archive)));
            if (!scope.wholeDatabase()) {
                for (TableRef t : tables) {
                    command.add("--table=" + t.sql(Dialect.POSTGRESQL));
                }
            }
            command.addAll(ClientTools.postgresArgs(target));
            if (!scope.wholeDatabase() && tables.isEmpty()) {
                throw new EngineException(EngineException.Kind.BACKUP_FAILED, "backup of " + target.redacted()
                        + ": none of the tables the plan destroys exists (" + String.join(", ", absent) + ")");
            }
            CompletableFuture<String> dumping = CompletableFuture.supplyAsync(() -> ClientTools.run(List.of(command),
                    ClientTools.passwordEnvironment(target), null, "pg_dump of " + target.redacted() + " to " + dir));
            Map<String, Long> counts;
            List<BackupManifest.ColumnCopy> copies;
            List<String> files = new ArrayList<>(List.of(archive));
            try {
                counts = RowCounts.count(c, tables, Dialect.POSTGRESQL);
                copies = ColumnCopies.take(columnSource(c), scope, dir, absent, files);
            } finally {
                joinQuietly(dumping);
            }
            dumping.join();
            c.commit();
            return new Dumped(archive, files, counts, copies, absent, tools);
        } catch (SQLException e) {
            throw new EngineException(EngineException.Kind.DATABASE, "backup of " + target.redacted() + ": "
                    + EngineException.serverMessage(e), null, null);
        } catch (CompletionException e) {
            // pg_dump's own failure (a full disk, a lost connection): the backup failed, whatever the cause
            throw Backup.failed(e.getCause() instanceof EngineException ee ? ee.getMessage() : String.valueOf(e.getCause()));
        }
    }

    private static void joinQuietly(CompletableFuture<String> f) {
        try {
            f.join();
        } catch (CompletionException e) {
            // reported by the caller's own join once the transaction ends
        }
    }

    @Override
    public BackupManifest.Verification verify(Dumped dumped, Path dir, boolean restore) {
        Path archive = dir.resolve(dumped.archive());
        String listing = ClientTools.run(List.of(List.of(pgRestore.toString(), "--list", archive.toString())), Map.of(),
                null, "pg_restore --list " + archive);
        Set<String> listed = new HashSet<>();
        for (String line : listing.split("\n")) {
            int at = line.indexOf(" TABLE DATA ");
            if (at > 0 && !line.startsWith(";")) {
                String[] parts = line.substring(at + " TABLE DATA ".length()).split(" ");
                if (parts.length >= 2) {
                    listed.add(parts[0] + "." + parts[1]);
                }
            }
        }
        for (String table : dumped.rowCounts().keySet()) {
            if (!listed.contains(table)) {
                throw Backup.failed("archive " + archive + " does not list the data of table " + table + " (pg_restore --list)");
            }
        }
        Map<String, Long> found;
        String where;
        if (restore) {
            where = "in the restored copy";
            try (Snapshot copy = Snapshots.restored(archive, target).open(); Connection c = copy.connection().connect()) {
                found = RowCounts.count(c, TableRef.all(dumped.rowCounts().keySet()), Dialect.POSTGRESQL);
            } catch (SQLException e) {
                throw Backup.failed("counting rows in the restored copy of " + archive + ": " + EngineException.serverMessage(e));
            }
        } else {
            where = "in the archive";
            found = ArchiveRows.postgres(pgRestore, archive);
        }
        String difference = RowCounts.firstDifference(dumped.rowCounts(), found, where);
        if (!difference.isEmpty()) {
            throw Backup.failed("archive " + archive + " does not hold the rows counted at backup time: " + difference);
        }
        return new BackupManifest.Verification(true, true, restore);
    }

    /** The plan's tables as the server resolves them (search_path for unqualified names); partitioned ones as their partitions. */
    private static List<TableRef> resolve(Connection c, List<QualifiedName> names, List<String> absent) throws SQLException {
        List<TableRef> found = new ArrayList<>();
        // pg_partition_tree lists nothing for a plain table: the table itself, or a partitioned table's leaves.
        String sql = "WITH r AS (SELECT to_regclass(?) AS oid) "
                + "SELECT n.nspname, c.relname FROM r JOIN pg_class c ON c.oid = r.oid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' "
                + "UNION ALL SELECT n.nspname, c.relname FROM r, pg_partition_tree(r.oid) p "
                + "JOIN pg_class c ON c.oid = p.relid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE p.isleaf AND c.relkind = 'r' AND p.level > 0";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (QualifiedName name : names) {
                ps.setString(1, regclass(name));
                int before = found.size();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        TableRef t = new TableRef(rs.getString(1), rs.getString(2));
                        if (!found.contains(t)) {
                            found.add(t);
                        }
                    }
                }
                if (found.size() == before) {
                    absent.add(name.toString());
                }
            }
        }
        return found;
    }

    private static String regclass(QualifiedName name) {
        String table = TableRef.quote(Dialect.POSTGRESQL, name.name());
        return name.qualified() ? TableRef.quote(Dialect.POSTGRESQL, name.schema()) + "." + table : table;
    }

    private static List<TableRef> allTables(Connection c) throws SQLException {
        List<TableRef> all = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT n.nspname, c.relname FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname <> 'information_schema' "
                + "AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1, 2")) {
            while (rs.next()) {
                all.add(new TableRef(rs.getString(1), rs.getString(2)));
            }
        }
        return all;
    }

    /** Dropped columns from pg_catalog, copied by {@code COPY ... TO STDOUT} in the dump's snapshot. */
    private static ColumnCopies.Source columnSource(Connection c) {
        return new ColumnCopies.Source() {
            @Override
            public ColumnCopies.Found find(BackupScope.DroppedColumn dropped) throws SQLException {
                String regclass = regclass(dropped.table());
                TableRef table;
                try (PreparedStatement ps = c.prepareStatement("SELECT n.nspname, c.relname FROM pg_class c "
                        + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(?)")) {
                    ps.setString(1, regclass);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return null;
                        }
                        table = new TableRef(rs.getString(1), rs.getString(2));
                    }
                }
                String type = columnType(c, regclass, dropped.column());
                if (type == null) {
                    return null;
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod) "
                        + "FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
                        + "WHERE i.indrelid = to_regclass(?) AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)")) {
                    ps.setString(1, regclass);
                    return ColumnCopies.Found.keyedBy(table, dropped.column(), type, ps);
                }
            }

            @Override
            public long write(ColumnCopies.Found found, OutputStream out) throws SQLException, IOException {
                return c.unwrap(PGConnection.class).getCopyAPI()
                        .copyOut("COPY (" + found.select(Dialect.POSTGRESQL) + ") TO STDOUT (FORMAT csv, HEADER)", out);
            }
        };
    }

    static String columnType(Connection c, String regclass, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                + "WHERE attrelid = to_regclass(?) AND attname = ? AND attnum > 0 AND NOT attisdropped")) {
            ps.setString(1, regclass);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String queryString(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static String version(Path program) {
        return ClientTools.run(List.of(List.of(program.toString(), "--version")), Map.of(), null,
                program.getFileName() + " --version").strip();
    }
}

package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.snapshot.Queries;
import io.github.migrationdelivery.engine.lock.MdlMode;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.snapshot.SessionTimeouts;
import io.github.migrationdelivery.engine.sql.QualifiedName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * MariaDB (and MySQL where the catalog agrees): metadata locks sampled from another session,
 * InnoDB table ids as storage identity (a COPY or rebuilding INPLACE ALTER makes a new table id;
 * INSTANT keeps it). A session cannot list its own metadata locks after a DDL statement, because
 * DDL commits implicitly, so locks are always sampled while the statement runs.
 */
final class MariadbServer implements Server {

    private static final String NOT_TRACKING = " AND lower(TABLE_NAME) NOT IN ('databasechangelog', 'databasechangeloglock')";

    /** Filled by {@link #prepareSampling}: the query that lists a session's metadata locks, if any. */
    private String lockQuery = "";

    @Override
    public void configureMigrationSession(Connection c, DryRunSettings settings) throws SQLException {
        SessionTimeouts.apply(c, Dialect.MARIADB, settings.lockTimeout(), settings.statementTimeout());
    }

    @Override
    public void configureProbeSession(Connection c) throws SQLException {
        c.setAutoCommit(true);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        try (Statement s = c.createStatement()) {
            // lock_wait_timeout takes whole seconds; max_statement_time also interrupts a metadata lock wait.
            s.execute("SET SESSION max_statement_time = 0.05");
        }
    }

    @Override
    public long sessionId(Connection c) throws SQLException {
        return Queries.singleLong(c, "SELECT CONNECTION_ID()");
    }

    @Override
    public String prepareSampling(Connection observer, int intervalMs) {
        String sampled = "metadata locks sampled every " + intervalMs + " ms";
        try {
            if (query(observer, "SELECT @@performance_schema").equals("1")) {
                lockQuery = "SELECT OBJECT_SCHEMA, OBJECT_NAME, LOCK_TYPE FROM performance_schema.metadata_locks m"
                        + " JOIN performance_schema.threads t ON t.THREAD_ID = m.OWNER_THREAD_ID"
                        + " WHERE m.OBJECT_TYPE = 'TABLE' AND m.LOCK_STATUS = 'GRANTED' AND t.PROCESSLIST_ID = ?";
                return sampled + " (performance_schema)";
            }
            if (!metadataLockInfo(observer)) {
                try (Statement s = observer.createStatement()) {
                    s.execute("INSTALL SONAME 'metadata_lock_info'");
                }
            }
            lockQuery = "SELECT TABLE_SCHEMA, TABLE_NAME, LOCK_MODE FROM information_schema.METADATA_LOCK_INFO"
                    + " WHERE TABLE_NAME <> '' AND THREAD_ID = ?";
            return sampled + " (METADATA_LOCK_INFO)";
        } catch (SQLException e) {
            lockQuery = "";
            return "not available: performance_schema is off and the metadata_lock_info plugin could not be installed ("
                    + PlanRun.firstLine(e.getMessage()) + ")";
        }
    }

    private static boolean metadataLockInfo(Connection c) throws SQLException {
        return !query(c, "SELECT COUNT(*) FROM information_schema.PLUGINS WHERE PLUGIN_NAME = 'METADATA_LOCK_INFO'"
                + " AND PLUGIN_STATUS = 'ACTIVE'").equals("0");
    }

    @Override
    public boolean seesOwnLocks() {
        return false;
    }

    @Override
    public List<LockHeld> ownLocks(Connection c) {
        return List.of();
    }

    @Override
    public List<LockHeld> sessionLocks(Connection observer, long sessionId) throws SQLException {
        if (lockQuery.isEmpty()) {
            return List.of();
        }
        String database = observer.getCatalog();
        List<LockHeld> out = new ArrayList<>();
        try (PreparedStatement ps = observer.prepareStatement(lockQuery)) {
            ps.setLong(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(2);
                    if (table.equalsIgnoreCase("databasechangelog") || table.equalsIgnoreCase("databasechangeloglock")) {
                        continue;
                    }
                    Optional<MdlMode> mode = MdlMode.parse(rs.getString(3));
                    out.add(new LockHeld(name(database, rs.getString(1), table), mode.map(Enum::name).orElse(rs.getString(3))));
                }
            }
        }
        return out;
    }

    @Override
    public Set<String> relations(Connection c) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()" + NOT_TRACKING)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Override
    public Map<String, Long> storage(Connection c) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        String database = c.getCatalog();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT NAME, TABLE_ID FROM information_schema.INNODB_SYS_TABLES WHERE NAME LIKE ?")) {
            ps.setString(1, database.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "/%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1).substring(database.length() + 1);
                    if (!table.startsWith("#")) { // an ALTER's intermediate copy
                        out.put(table, rs.getLong(2));
                    }
                }
            }
        }
        return out;
    }

    @Override
    public Optional<String> resolve(Connection c, QualifiedName table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = COALESCE(NULLIF(?, ''), DATABASE()) AND TABLE_NAME = ?")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(name(c.getCatalog(), rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    @Override
    public Optional<ProbeTarget> probeTarget(Connection c, String table) throws SQLException {
        int dot = table.indexOf('.');
        String schema = dot < 0 ? c.getCatalog() : table.substring(0, dot);
        String bare = dot < 0 ? table : table.substring(dot + 1);
        String relation = ident(schema) + "." + ident(bare);
        List<String> keyColumns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, schema);
            ps.setString(2, bare);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keyColumns.add(rs.getString(1));
                }
            }
        }
        if (keyColumns.isEmpty()) {
            String first = query(c, "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                    + schema.replace("'", "''") + "' AND TABLE_NAME = '" + bare.replace("'", "''")
                    + "' AND GENERATION_EXPRESSION IS NULL ORDER BY ORDINAL_POSITION LIMIT 1");
            if (first.isEmpty() || query(c, "SELECT COUNT(*) FROM (SELECT 1 FROM " + relation + " LIMIT 1) x").equals("0")) {
                return Optional.empty();
            }
            // No primary key: any one row; the wait for the table's metadata lock is what is measured.
            return Optional.of(new ProbeTarget(table, "SELECT 1 FROM " + relation + " LIMIT 1",
                    "UPDATE " + relation + " SET " + ident(first) + " = " + ident(first) + " LIMIT 1", List.of()));
        }
        List<String> keys = keyColumns.stream().map(MariadbServer::ident).toList();
        return ProbeTarget.byKey(c, table, relation, keys, keys.get(0));
    }

    @Override
    public int strength(String mode) {
        return MdlMode.parse(mode).map(Enum::ordinal).orElse(-1);
    }

    @Override
    public boolean blocksReads(String mode) {
        return MdlMode.parse(mode).map(MdlMode::blocksReads).orElse(false);
    }

    @Override
    public boolean blocksWrites(String mode) {
        return MdlMode.parse(mode).map(MdlMode::blocksWrites).orElse(false);
    }

    @Override
    public boolean isLockTimeout(SQLException e) {
        return e.getErrorCode() == 1205;
    }

    @Override
    public boolean isProbeTimeout(SQLException e) {
        // 1969: max_statement_time ran out while waiting; 1205: lock wait timeout; 1213: deadlock.
        return e.getErrorCode() == 1969 || e.getErrorCode() == 1205 || e.getErrorCode() == 1213;
    }

    @Override
    public boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        // 08: connection exceptions; 1927/2013/2006: connection killed or server gone; 1049: database dropped.
        return (state != null && state.startsWith("08")) || e.getErrorCode() == 1927 || e.getErrorCode() == 2013
                || e.getErrorCode() == 2006;
    }

    /** Tables of the session's own database by bare name; others qualified. */
    private static String name(String database, String schema, String table) {
        return schema == null || schema.equalsIgnoreCase(database) ? table : schema + "." + table;
    }

    private static String ident(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() && rs.getString(1) != null ? rs.getString(1) : "";
        }
    }

}

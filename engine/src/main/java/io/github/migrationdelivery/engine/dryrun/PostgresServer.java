package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.snapshot.Queries;
import io.github.migrationdelivery.engine.lock.PgLockMode;
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

/** PostgreSQL: pg_locks, pg_class.relfilenode, primary keys from pg_index. */
final class PostgresServer implements Server {

    /** Catalog and Liquibase's own tracking tables are not the user's tables. */
    private static final String USER_RELATION = "n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'"
            + " AND lower(c.relname) NOT IN ('databasechangelog', 'databasechangeloglock')";

    private static final String LOCKS = "SELECT n.nspname || '.' || c.relname, l.mode FROM pg_locks l"
            + " JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE l.locktype = 'relation' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " AND l.pid = ";

    @Override
    public void configureMigrationSession(Connection c, DryRunSettings settings) throws SQLException {
        SessionTimeouts.apply(c, Dialect.POSTGRESQL, settings.lockTimeout(), settings.statementTimeout());
    }

    @Override
    public void configureProbeSession(Connection c) throws SQLException {
        c.setAutoCommit(true);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        try (Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = 50");
            s.execute("SET statement_timeout = 10000");
            s.execute("SET application_name = 'migration-delivery probe'");
        }
    }

    @Override
    public long sessionId(Connection c) throws SQLException {
        return Queries.singleLong(c, "SELECT pg_backend_pid()");
    }

    @Override
    public String prepareSampling(Connection observer, int intervalMs) {
        return "sampled every " + intervalMs + " ms";
    }

    @Override
    public boolean seesOwnLocks() {
        return true;
    }

    @Override
    public List<LockHeld> ownLocks(Connection c) throws SQLException {
        return locks(c, LOCKS + "pg_backend_pid()");
    }

    @Override
    public List<LockHeld> sessionLocks(Connection observer, long sessionId) throws SQLException {
        return locks(observer, LOCKS + sessionId);
    }

    private static List<LockHeld> locks(Connection c, String sql) throws SQLException {
        List<LockHeld> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql + " AND " + USER_RELATION)) {
            while (rs.next()) {
                out.add(new LockHeld(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }

    @Override
    public Set<String> relations(Connection c) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
                        + USER_RELATION)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Override
    public Map<String, Long> storage(Connection c) throws SQLException {
        // Keyed by oid text so a rename in the same statement is not mistaken for a rewrite.
        Map<String, Long> out = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT c.oid::text || ' ' || n.nspname || '.' || c.relname, c.relfilenode FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm') AND " + USER_RELATION)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    @Override
    public Optional<String> resolve(Connection c, QualifiedName table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT n.nspname || '.' || c.relname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(?)")) {
            ps.setString(1, quoted(table));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    @Override
    public Optional<ProbeTarget> probeTarget(Connection c, String table) throws SQLException {
        String relation = quoted(table);
        List<String> keyColumns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname FROM pg_index i"
                + " JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord) ON true"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
                + " WHERE i.indrelid = to_regclass(?) AND i.indisprimary ORDER BY k.ord")) {
            ps.setString(1, relation);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keyColumns.add(rs.getString(1));
                }
            }
        }
        // The write sets a column to itself: the first one that may be assigned (not GENERATED ALWAYS).
        String assignable;
        try (PreparedStatement ps = c.prepareStatement("SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(?)"
                + " AND attnum > 0 AND NOT attisdropped AND attidentity <> 'a' AND attgenerated = ''"
                + " ORDER BY (attname = ANY(?)) DESC, attnum LIMIT 1")) {
            ps.setString(1, relation);
            ps.setArray(2, c.createArrayOf("text", keyColumns.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                assignable = ident(rs.getString(1));
            }
        }
        String write = "UPDATE " + relation + " SET " + assignable + " = " + assignable + " WHERE ";
        String read = "SELECT 1 FROM " + relation + " WHERE ";
        if (keyColumns.isEmpty()) {
            // No primary key: the row's physical address. It moves with each probe write, but the
            // table-level lock the probe waits for is the same.
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT ctid::text FROM " + relation + " LIMIT 1")) {
                return rs.next() ? Optional.of(new ProbeTarget(table, read + "ctid = ?::tid", write + "ctid = ?::tid",
                        List.of(rs.getString(1)))) : Optional.empty();
            }
        }
        return ProbeTarget.byKey(c, table, relation, keyColumns.stream().map(PostgresServer::ident).toList(), assignable);
    }

    @Override
    public int strength(String mode) {
        return mode(mode).map(Enum::ordinal).orElse(-1);
    }

    @Override
    public boolean blocksReads(String mode) {
        return mode(mode).map(PgLockMode::blocksReads).orElse(false);
    }

    @Override
    public boolean blocksWrites(String mode) {
        return mode(mode).map(PgLockMode::blocksWrites).orElse(false);
    }

    private static Optional<PgLockMode> mode(String name) {
        for (PgLockMode m : PgLockMode.values()) {
            if (m.pgName().equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean isLockTimeout(SQLException e) {
        return "55P03".equals(e.getSQLState());
    }

    @Override
    public boolean isProbeTimeout(SQLException e) {
        // lock_timeout, or a deadlock the server resolved by cancelling the probe: both mean "try again".
        return "55P03".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }

    @Override
    public boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        // 08: connection exceptions; 57P01-57P03: terminated by the administrator (DROP DATABASE ... FORCE) or shutdown.
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    /** The table as a SQL identifier, schema-qualified when the name carries a schema. */
    static String quoted(QualifiedName name) {
        return name.qualified() ? ident(name.schema()) + "." + ident(name.name()) : ident(name.name());
    }

    /** {@code schema.table} as reports name it, back to an identifier. */
    private static String quoted(String reportName) {
        int dot = reportName.indexOf('.');
        return dot < 0 ? ident(reportName) : ident(reportName.substring(0, dot)) + "." + ident(reportName.substring(dot + 1));
    }

    private static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}

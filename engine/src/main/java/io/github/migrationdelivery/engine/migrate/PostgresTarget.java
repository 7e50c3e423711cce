package io.github.migrationdelivery.engine.migrate;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.snapshot.SessionTimeouts;
import io.github.migrationdelivery.engine.sql.QualifiedName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** PostgreSQL: a session-level advisory lock, pg_locks and pg_stat_activity, pg_index.indisvalid. */
final class PostgresTarget implements Target {

    /** The advisory lock's two keys ('md', 1): advisory locks are per database already. */
    private static final String RUN_LOCK_KEYS = "28004, 1";

    @Override
    public void identify(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET application_name = 'migration-delivery migrate'");
            // PostgreSQL 14+: a killed migrate's backend stops within a second instead of finishing
            // its statement and holding its locks meanwhile.
            if (c.getMetaData().getDatabaseMajorVersion() >= 14) {
                s.execute("SET client_connection_check_interval = 1000");
            }
        }
    }

    @Override
    public void timeouts(Connection c, MigrateSettings settings) throws SQLException {
        SessionTimeouts.apply(c, Dialect.POSTGRESQL, settings.lockTimeout(), settings.statementTimeout());
    }

    @Override
    public Optional<String> takeRunLock(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + RUN_LOCK_KEYS + ")")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return Optional.empty();
            }
        }
        List<String> holders = sessions(c, "SELECT a.pid, a.usename, a.application_name, a.backend_start, a.state,"
                + " left(a.query, 60) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory'"
                + " AND l.granted AND l.classid = 28004 AND l.objid = 1 AND l.objsubid = 2"
                + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())", null);
        return Optional.of(holders.isEmpty() ? "another session (gone meanwhile)" : String.join("; ", holders));
    }

    @Override
    public void releaseRunLock(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_unlock(" + RUN_LOCK_KEYS + ")");
        }
    }

    @Override
    public boolean isLockTimeout(SQLException e) {
        return "55P03".equals(e.getSQLState());
    }

    @Override
    public Optional<String> lockHolders(Connection c, List<QualifiedName> tables) throws SQLException {
        List<String> out = new ArrayList<>();
        for (QualifiedName t : tables) {
            out.addAll(sessions(c, "SELECT DISTINCT a.pid, a.usename, a.application_name, a.xact_start, a.state,"
                    + " left(a.query, 60) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                    + " WHERE l.granted AND l.relation = to_regclass(?) AND l.pid <> pg_backend_pid()", quoted(t)));
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", out.stream().distinct().toList()));
    }

    /** "pid 123 (user app, application 'psql', since ..., idle in transaction: UPDATE orders ...)". */
    private static List<String> sessions(Connection c, String sql, String parameter) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("pid " + rs.getLong(1) + " (user " + rs.getString(2) + ", application '" + rs.getString(3)
                            + "', since " + rs.getTimestamp(4) + ", " + rs.getString(5) + ": "
                            + String.valueOf(rs.getString(6)).replaceAll("\\s+", " ").strip() + ")");
                }
            }
        }
        return out;
    }

    @Override
    public boolean dropInvalidIndex(Connection c, QualifiedName index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT NOT indisvalid FROM pg_index WHERE indexrelid = to_regclass(?)")) {
            ps.setString(1, quoted(index));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return false;
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP INDEX CONCURRENTLY IF EXISTS " + quoted(index));
        }
        return true;
    }

    private static String quoted(QualifiedName name) {
        String n = ident(name.name());
        return name.qualified() ? ident(name.schema()) + "." + n : n;
    }

    private static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}

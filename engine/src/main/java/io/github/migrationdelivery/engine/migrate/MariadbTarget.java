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

/** MariaDB (and MySQL where they agree): GET_LOCK keyed by the database, the process list, metadata lock info. */
final class MariadbTarget implements Target {

    private static final String RUN_LOCK = "CONCAT('migration-delivery:', DATABASE())";

    @Override
    public void identify(Connection c) {
        // MariaDB has no settable session name; the process list shows the user and host.
    }

    @Override
    public void timeouts(Connection c, MigrateSettings settings) throws SQLException {
        SessionTimeouts.apply(c, Dialect.MARIADB, settings.lockTimeout(), settings.statementTimeout());
    }

    @Override
    public Optional<String> takeRunLock(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT GET_LOCK(" + RUN_LOCK + ", 0)")) {
            rs.next();
            if (rs.getInt(1) == 1) {
                return Optional.empty();
            }
        }
        List<String> holders = sessions(c, "SELECT ID, USER, HOST, TIME, COMMAND, LEFT(INFO, 60) FROM information_schema.PROCESSLIST"
                + " WHERE ID = IS_USED_LOCK(" + RUN_LOCK + ")");
        return Optional.of(holders.isEmpty() ? "another session (gone meanwhile)" : String.join("; ", holders));
    }

    @Override
    public void releaseRunLock(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT RELEASE_LOCK(" + RUN_LOCK + ")");
        }
    }

    @Override
    public boolean isLockTimeout(SQLException e) {
        // 1205 ER_LOCK_WAIT_TIMEOUT: row locks and metadata locks alike.
        return e.getErrorCode() == 1205;
    }

    @Override
    public Optional<String> lockHolders(Connection c, List<QualifiedName> tables) throws SQLException {
        if (tables.isEmpty() || !metadataLockInfo(c)) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (QualifiedName t : tables) {
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT p.ID, p.USER, p.HOST, p.TIME, p.COMMAND, LEFT(p.INFO, 60)"
                    + " FROM information_schema.METADATA_LOCK_INFO m JOIN information_schema.PROCESSLIST p ON p.ID = m.THREAD_ID"
                    + " WHERE m.TABLE_SCHEMA = COALESCE(NULLIF(?, ''), DATABASE()) AND m.TABLE_NAME = ? AND p.ID <> CONNECTION_ID()")) {
                ps.setString(1, t.schema());
                ps.setString(2, t.name());
                out.addAll(describe(ps));
            }
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", out.stream().distinct().toList()));
    }

    private static boolean metadataLockInfo(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.PLUGINS"
                + " WHERE PLUGIN_NAME = 'METADATA_LOCK_INFO' AND PLUGIN_STATUS = 'ACTIVE'")) {
            return rs.next() && rs.getInt(1) > 0;
        }
    }

    private static List<String> sessions(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            return describe(ps);
        }
    }

    /** "connection 12 (user app@host, Sleep for 35 s: UPDATE orders ...)". */
    private static List<String> describe(PreparedStatement ps) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add("connection " + rs.getLong(1) + " (user " + rs.getString(2) + "@" + rs.getString(3) + ", "
                        + rs.getString(5) + " for " + rs.getLong(4) + " s"
                        + (rs.getString(6) == null ? "" : ": " + rs.getString(6).replaceAll("\\s+", " ").strip()) + ")");
            }
        }
        return out;
    }

    @Override
    public boolean dropInvalidIndex(Connection c, QualifiedName index) {
        return false; // MariaDB builds indexes atomically: a failed ALTER leaves none behind
    }
}

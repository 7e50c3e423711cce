package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The few administrative statements providers run (create, drop, version), with every driver error
 * turned into one line of kind DATABASE that never holds the password.
 */
final class ServerSql {

    private ServerSql() {
    }

    static Connection connect(ConnectionSpec spec) {
        try {
            return spec.open();
        } catch (SQLException e) {
            throw failure(spec, "cannot connect to " + spec.redacted(), e);
        }
    }

    static void execute(ConnectionSpec spec, String sql) {
        try (Connection c = connect(spec); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw failure(spec, sql, e);
        }
    }

    /** The server's major version (15; 10 for MariaDB 10.11). */
    static int serverMajor(ConnectionSpec spec) {
        try (Connection c = connect(spec)) {
            return c.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw failure(spec, "reading the server version", e);
        }
    }

    /** A fresh name for a throw-away database: random, so parallel runs never collide. */
    static String throwAwayName() {
        return "md_dryrun_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    static String quote(Dialect dialect, String identifier) {
        return dialect == Dialect.POSTGRESQL
                ? '"' + identifier.replace("\"", "\"\"") + '"'
                : '`' + identifier.replace("`", "``") + '`';
    }

    static void createDatabase(ConnectionSpec admin, String name) {
        execute(admin, "CREATE DATABASE " + quote(admin.dialect(), name));
    }

    /**
     * Creates an empty database {@code name} next to {@code source}: on MariaDB/MySQL with the
     * source's character set and collation, because schemas compare their columns' collations.
     * {@code what} starts the message when the source does not exist.
     */
    static void createEmptyLike(ConnectionSpec admin, ConnectionSpec source, String name, String what) {
        if (source.dialect() == Dialect.POSTGRESQL) {
            createDatabase(admin, name);
            return;
        }
        try (Connection c = connect(admin);
             PreparedStatement ps = c.prepareStatement("SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME "
                     + "FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            ps.setString(1, source.database());
            String charset;
            String collation;
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new EngineException(EngineException.Kind.DATABASE, what + " source database `" + source.database()
                            + "` does not exist on " + Endpoint.of(source).host(), null, null);
                }
                charset = rs.getString(1);
                collation = rs.getString(2);
            }
            c.createStatement().execute("CREATE DATABASE " + quote(source.dialect(), name)
                    + " CHARACTER SET " + charset + " COLLATE " + collation);
        } catch (SQLException e) {
            throw failure(admin, "creating " + name, e);
        }
    }

    /** Drops a database; a database that is already gone is fine. Sessions still on it are ended. */
    static void dropDatabase(ConnectionSpec admin, String name) {
        String q = quote(admin.dialect(), name);
        if (admin.dialect() == Dialect.POSTGRESQL) {
            execute(admin, "DROP DATABASE IF EXISTS " + q + " WITH (FORCE)");
            return;
        }
        // DROP DATABASE waits for every statement on its tables: one interrupted by Ctrl-C would
        // hold it for as long as it runs. So the sessions on it are ended first, as FORCE does.
        try (Connection c = connect(admin); Statement s = c.createStatement()) {
            List<Long> sessions = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sessions.add(rs.getLong(1));
                    }
                }
            }
            for (long id : sessions) {
                try {
                    s.execute("KILL CONNECTION " + id);
                } catch (SQLException goneOrNotOurs) {
                    // ended meanwhile, or another user's: DROP DATABASE waits for it
                }
            }
            s.execute("DROP DATABASE IF EXISTS " + q);
        } catch (SQLException e) {
            throw failure(admin, "DROP DATABASE IF EXISTS " + q, e);
        }
    }

    /** The administrative database of a server: postgres, or none for MariaDB/MySQL. */
    static ConnectionSpec admin(ConnectionSpec spec) {
        return spec.withDatabase(spec.dialect() == Dialect.POSTGRESQL ? "postgres" : "");
    }

    static EngineException failure(ConnectionSpec spec, String doing, SQLException e) {
        return new EngineException(refusedLogin(e) ? EngineException.Kind.AUTHENTICATION : EngineException.Kind.DATABASE,
                oneLine(spec, doing + ": " + e.getMessage()), null, null);
    }

    /** SQLSTATE class 28 (invalid authorization) on both servers; MariaDB's 1045 "Access denied". */
    private static boolean refusedLogin(SQLException e) {
        return (e.getSQLState() != null && e.getSQLState().startsWith("28")) || e.getErrorCode() == 1045;
    }

    /** First line only, with the password masked should a driver ever echo it. */
    static String oneLine(ConnectionSpec spec, String message) {
        String m = message == null ? "" : message.strip();
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl).strip();
        if (!spec.password().isEmpty()) {
            m = m.replace(spec.password().reveal(), "****");
        }
        return m;
    }
}

package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.testdb.TestDatabases;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small queries the snapshot tests share: counts and the databases a server has. */
final class Databases {

    private Databases() {
    }

    static void execute(ConnectionSpec spec, String sql) {
        try (Connection c = TestDatabases.connect(spec); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static long count(ConnectionSpec spec, String sql) throws SQLException {
        try (Connection c = TestDatabases.connect(spec); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The throw-away databases (md_dryrun_*) on the test server: none may be left after a test. */
    static List<String> throwAway(Dialect dialect) throws SQLException {
        String sql = dialect == Dialect.POSTGRESQL
                ? "SELECT datname FROM pg_database WHERE datname LIKE 'md\\_dryrun\\_%'"
                : "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'md\\_dryrun\\_%'";
        List<String> out = new ArrayList<>();
        try (Connection c = TestDatabases.connect(TestDatabases.server(dialect)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static boolean exists(Dialect dialect, String name) throws SQLException {
        String sql = dialect == Dialect.POSTGRESQL
                ? "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'"
                : "SELECT count(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + name + "'";
        return count(TestDatabases.server(dialect), sql) > 0;
    }
}

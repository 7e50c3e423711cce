package io.github.migrationdelivery.engine.testdb;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A throw-away test database: use in try-with-resources so it is dropped also when the test fails. */
public final class TestDatabase implements AutoCloseable {

    private final ConnectionSpec server;
    private final ConnectionSpec spec;

    TestDatabase(ConnectionSpec server, ConnectionSpec spec) {
        this.server = server;
        this.spec = spec;
    }

    public ConnectionSpec spec() {
        return spec;
    }

    public String name() {
        return spec.database();
    }

    public Connection connect() throws SQLException {
        return TestDatabases.connect(spec);
    }

    /** Runs statements separated by ";\n" (test setup only). */
    public TestDatabase run(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String part : sql.split(";\\s*\\n")) {
                if (!part.isBlank()) {
                    s.execute(part);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return this;
    }

    @Override
    public void close() {
        String drop = spec.dialect() == Dialect.POSTGRESQL
                ? "DROP DATABASE IF EXISTS " + name() + " WITH (FORCE)"
                : "DROP DATABASE IF EXISTS " + name();
        TestDatabases.execute(server, drop);
    }
}

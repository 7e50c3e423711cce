package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;
import io.github.migrationdelivery.engine.testdb.TestDatabase;
import io.github.migrationdelivery.engine.testdb.TestDatabases;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A PostgreSQL database with {@code orders} of 1,000,000 rows, built once per test class; each
 * test works on its own copy ({@code CREATE DATABASE ... TEMPLATE}, a file copy), dropped after.
 */
final class BigTable implements AutoCloseable {

    static final int ROWS = 1_000_000;

    private final TestDatabase base;

    BigTable() {
        base = TestDatabases.create(Dialect.POSTGRESQL);
        base.run("CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL, amount int NOT NULL, note text);\n"
                + "INSERT INTO orders SELECT g, g % 1000, g % 500, 'order ' || g FROM generate_series(1, " + ROWS + ") g;\n"
                + "VACUUM ANALYZE orders");
    }

    /** A fresh copy of the database, dropped when closed. */
    Copy copy() {
        String name = "md_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        admin("CREATE DATABASE " + name + " TEMPLATE " + base.name());
        return new Copy(TestDatabases.server(Dialect.POSTGRESQL).withDatabase(name));
    }

    private static void admin(String sql) {
        try (Connection c = TestDatabases.connect(TestDatabases.server(Dialect.POSTGRESQL)); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        base.close();
    }

    record Copy(ConnectionSpec spec) implements AutoCloseable {

        Connection connect() throws SQLException {
            return TestDatabases.connect(spec);
        }

        @Override
        public void close() {
            admin("DROP DATABASE IF EXISTS " + spec.database() + " WITH (FORCE)");
        }
    }
}

package io.github.migrationdelivery.engine.testdb;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;
import io.github.migrationdelivery.engine.snapshot.JdbcUrls;
import io.github.migrationdelivery.engine.snapshot.Secret;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one place tests get a real database server, chosen in this order: an explicit URL
 * ({@code MD_TEST_POSTGRES_URL} / {@code MD_TEST_MARIADB_URL}, user and password in
 * {@code MD_TEST_*_USER} / {@code MD_TEST_*_PASSWORD}), the local service (PostgreSQL on
 * 127.0.0.1:5432 as postgres, MariaDB on 127.0.0.1:3306 as root), Testcontainers where Docker
 * runs. With none of them the test is skipped, except under {@code CI=true}, where a missing
 * database is a failure. Tests never share a database: each gets a fresh one from {@link #create}.
 */
public final class TestDatabases {

    private static final ConcurrentHashMap<Dialect, ConnectionSpec> SERVERS = new ConcurrentHashMap<>();

    private TestDatabases() {
    }

    /** A connection to the server's administrative database (postgres / no database). */
    public static ConnectionSpec server(Dialect dialect) {
        return SERVERS.computeIfAbsent(dialect, TestDatabases::find);
    }

    /** A fresh, empty database on the chosen server, dropped when closed. */
    public static TestDatabase create(Dialect dialect) {
        ConnectionSpec server = server(dialect);
        String name = "md_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        execute(server, "CREATE DATABASE " + name);
        return new TestDatabase(server, server.withDatabase(name));
    }

    static void execute(ConnectionSpec spec, String sql) {
        try (Connection c = connect(spec); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public static Connection connect(ConnectionSpec spec) throws SQLException {
        return spec.open();
    }

    private static ConnectionSpec find(Dialect dialect) {
        String prefix = dialect == Dialect.POSTGRESQL ? "MD_TEST_POSTGRES" : "MD_TEST_MARIADB";
        String url = System.getenv(prefix + "_URL");
        if (url != null && !url.isBlank()) {
            ConnectionSpec explicit = new ConnectionSpec(dialect, url, System.getenv(prefix + "_USER"),
                    Secret.of(System.getenv(prefix + "_PASSWORD")));
            requireReachable(explicit, prefix + "_URL");
            return explicit;
        }
        ConnectionSpec local = dialect == Dialect.POSTGRESQL
                ? new ConnectionSpec(dialect, "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", Secret.none())
                : new ConnectionSpec(dialect, "jdbc:mariadb://127.0.0.1:3306/", "root", Secret.none());
        if (reachable(local)) {
            return local;
        }
        if (dockerAvailable()) {
            return container(dialect);
        }
        String why = "no " + dialect.id() + " for tests: set " + prefix + "_URL, start the local service, or run Docker";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(why + " (CI=true: a missing database is a failure)");
        }
        Assumptions.abort(why);
        return null;
    }

    private static void requireReachable(ConnectionSpec spec, String setting) {
        try (Connection ignored = connect(spec)) {
            // reachable
        } catch (SQLException e) {
            throw new IllegalStateException(setting + " (" + spec.redacted() + ") cannot be reached: " + e.getMessage(), e);
        }
    }

    private static boolean reachable(ConnectionSpec spec) {
        try (Connection ignored = connect(spec)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // the container lives as long as the test JVM; Ryuk removes it
    private static ConnectionSpec container(Dialect dialect) {
        JdbcDatabaseContainer<?> c = dialect == Dialect.POSTGRESQL
                ? new PostgreSQLContainer("postgres:15") : new MariaDBContainer("mariadb:10.11");
        c.start();
        String admin = JdbcUrls.withDatabase(c.getJdbcUrl(), dialect == Dialect.POSTGRESQL ? "postgres" : "");
        String user = dialect == Dialect.POSTGRESQL ? c.getUsername() : "root";
        return new ConnectionSpec(dialect, admin, user, Secret.of(c.getPassword()));
    }
}

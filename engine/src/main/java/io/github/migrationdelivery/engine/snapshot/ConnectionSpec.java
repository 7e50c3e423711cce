package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.plan.Dialect;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * How to reach a database. The URL never holds the password (it is stripped when parsed); the
 * password lives in a {@link Secret} and {@link #redacted()} is what reports show.
 */
public record ConnectionSpec(Dialect dialect, String jdbcUrl, String user, Secret password) {

    public ConnectionSpec {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        user = user == null ? "" : user;
        password = password == null ? Secret.none() : password;
    }

    /** The same server, another database name (for throw-away copies). */
    public ConnectionSpec withDatabase(String database) {
        return new ConnectionSpec(dialect, JdbcUrls.withDatabase(jdbcUrl, database), user, password);
    }

    /**
     * A connection, or one line of kind DATABASE (AUTHENTICATION for a refused login) that never
     * holds the password.
     */
    public Connection connect() {
        return ServerSql.connect(this);
    }

    /**
     * A connection through the dialect's own driver class rather than {@link java.sql.DriverManager},
     * which only sees drivers of the caller's class loader: inside a Jenkins plugin the engine runs
     * in a plugin (or remoting) class loader, and drivers are never registered globally there.
     * An unroutable host fails in seconds, not after the operating system's TCP timeout.
     */
    public Connection open() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (!password.isEmpty()) {
            props.setProperty("password", password.reveal());
        }
        Driver driver;
        if (dialect == Dialect.POSTGRESQL) {
            props.setProperty("connectTimeout", "10");
            driver = new org.postgresql.Driver();
        } else {
            props.setProperty("connectTimeout", "10000");
            driver = new org.mariadb.jdbc.Driver();
        }
        Connection c = driver.connect(jdbcUrl, props);
        if (c == null) {
            throw new SQLException("not a " + dialect.name().toLowerCase(java.util.Locale.ROOT) + " JDBC URL: " + redacted(), "08001");
        }
        return c;
    }

    public String database() {
        return JdbcUrls.database(jdbcUrl);
    }

    /** The URL and user without any secret: safe for logs and reports. */
    public String redacted() {
        String url = JdbcUrls.withoutSecrets(jdbcUrl);
        return user.isEmpty() ? url : user + " @ " + url;
    }

    @Override
    public String toString() {
        return redacted();
    }
}

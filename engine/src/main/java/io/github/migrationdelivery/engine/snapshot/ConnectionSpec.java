package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.plan.Dialect;

import java.util.Objects;

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
    public java.sql.Connection connect() {
        return ServerSql.connect(this);
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

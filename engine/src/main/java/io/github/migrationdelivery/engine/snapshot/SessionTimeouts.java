package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.plan.Dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** The lock and statement timeouts of a session that applies migrations, in each server's own words. */
public final class SessionTimeouts {

    private SessionTimeouts() {
    }

    /**
     * PostgreSQL {@code lock_timeout} and {@code statement_timeout}; MariaDB {@code lock_wait_timeout}
     * (metadata locks) and {@code innodb_lock_wait_timeout} (row locks), which take whole seconds
     * (rounded up, at least 1), and {@code max_statement_time}.
     */
    public static void apply(Connection c, Dialect dialect, Duration lockTimeout, Duration statementTimeout) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (dialect == Dialect.POSTGRESQL) {
                s.execute("SET lock_timeout = " + lockTimeout.toMillis());
                s.execute("SET statement_timeout = " + statementTimeout.toMillis());
            } else {
                long lockSeconds = Math.max(1, (lockTimeout.toMillis() + 999) / 1000);
                s.execute("SET SESSION lock_wait_timeout = " + lockSeconds);
                s.execute("SET SESSION innodb_lock_wait_timeout = " + lockSeconds);
                s.execute("SET SESSION max_statement_time = " + statementTimeout.toMillis() / 1000.0);
            }
        }
    }
}

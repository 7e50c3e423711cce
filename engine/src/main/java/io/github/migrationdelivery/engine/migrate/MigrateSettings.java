package io.github.migrationdelivery.engine.migrate;

import io.github.migrationdelivery.engine.EngineException;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Migration} applies a plan to its target.
 *
 * @param lockTimeout      {@code lock_timeout} (PostgreSQL) / {@code lock_wait_timeout} and
 *                         {@code innodb_lock_wait_timeout} in whole seconds (MariaDB), set before each changeset
 * @param statementTimeout {@code statement_timeout} / {@code max_statement_time}
 * @param retries          how many times a changeset that ran into a lock timeout is tried again
 * @param firstBackoff     the pause before the first retry; each further one doubles, with jitter
 * @param releaseStaleLockOlderThan release a Liquibase lock held longer than this (when no live
 *                         migrate session holds the database); empty: never release it
 */
public record MigrateSettings(Duration lockTimeout, Duration statementTimeout, int retries, Duration firstBackoff,
                              Optional<Duration> releaseStaleLockOlderThan) {

    /** Backoffs grow no further than this, so a long retry budget still retries regularly. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    public MigrateSettings {
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        releaseStaleLockOlderThan = releaseStaleLockOlderThan == null ? Optional.empty() : releaseStaleLockOlderThan;
        if (lockTimeout.isNegative() || lockTimeout.isZero() || statementTimeout.isNegative() || statementTimeout.isZero()) {
            // 0 means "wait forever" to both servers: exactly what a production apply must not do.
            throw EngineException.badInput("--lock-timeout / --statement-timeout: must be more than 0");
        }
        if (retries < 0 || retries > 100) {
            throw EngineException.badInput("--retries: must be between 0 and 100 (got " + retries + ")");
        }
    }

    /** Lock timeout 2 s, statement timeout 15 min, 5 retries from 500 ms, stale locks kept. */
    public static MigrateSettings defaults() {
        return new MigrateSettings(Duration.ofSeconds(2), Duration.ofMinutes(15), 5, Duration.ofMillis(500), Optional.empty());
    }
}

package io.github.migrationdelivery.engine.config;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code migrate:} section: how the production apply treats locks. Absent values take
 * migrate's defaults; flags win over the file.
 *
 * @param lockTimeout      {@code lock_timeout} / {@code lock_wait_timeout} for each statement
 * @param statementTimeout {@code statement_timeout} / {@code max_statement_time} for each statement
 * @param retries          how often a changeset that hit a lock timeout is tried again
 */
public record MigrateConfig(Optional<Duration> lockTimeout, Optional<Duration> statementTimeout, OptionalInt retries) {

    public static MigrateConfig empty() {
        return new MigrateConfig(Optional.empty(), Optional.empty(), OptionalInt.empty());
    }
}

package io.github.migrationdelivery.engine.config;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code dryRun:} section: how the dry-run applies statements. Absent values take the
 * dry-run's defaults; flags win over the file.
 *
 * @param lockTimeout      {@code lock_timeout} / {@code lock_wait_timeout} for each statement
 * @param statementTimeout {@code statement_timeout} / {@code max_statement_time} for each statement
 * @param probeIntervalMs  how often probes and lock samplers look, in ms
 */
public record DryRunConfig(Optional<Duration> lockTimeout, Optional<Duration> statementTimeout,
                           OptionalInt probeIntervalMs) {

    public static DryRunConfig empty() {
        return new DryRunConfig(Optional.empty(), Optional.empty(), OptionalInt.empty());
    }
}

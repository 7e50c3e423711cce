package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.budget.LockBudget;
import io.github.migrationdelivery.engine.config.DryRunConfig;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the dry-run applies a plan.
 *
 * @param lockTimeout      the migration session's lock timeout ({@code lock_timeout}; MariaDB {@code lock_wait_timeout})
 * @param statementTimeout the migration session's statement timeout ({@code statement_timeout}; MariaDB {@code max_statement_time})
 * @param probeIntervalMs  pause between two probe requests, and the sampling interval for locks outside a transaction
 * @param probes           whether to probe traffic at all (reads and writes of single rows of the touched tables)
 * @param rehearseRollback whether to rehearse the way back after the forward run
 * @param stopOnBudget     stop at the first statement over this budget, rolling back its open transaction
 */
public record DryRunSettings(Duration lockTimeout, Duration statementTimeout, int probeIntervalMs, boolean probes,
                             boolean rehearseRollback, Optional<LockBudget> stopOnBudget) {

    public static final int DEFAULT_PROBE_INTERVAL_MS = 5;

    public DryRunSettings {
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        stopOnBudget = stopOnBudget == null ? Optional.empty() : stopOnBudget;
        if (probeIntervalMs < 1) {
            throw EngineException.badInput("--probe-interval-ms: must be at least 1 (got " + probeIntervalMs + ")");
        }
        if (lockTimeout.isNegative() || statementTimeout.isNegative()) {
            throw EngineException.badInput("dryRun.lockTimeout / dryRun.statementTimeout: must not be negative");
        }
    }

    /** Lock timeout 5 s, statement timeout 10 min, probes every 5 ms, rollback rehearsed, no early stop. */
    public static DryRunSettings defaults() {
        return new DryRunSettings(Duration.ofSeconds(5), Duration.ofMinutes(10), DEFAULT_PROBE_INTERVAL_MS, true, true,
                Optional.empty());
    }

    /**
     * The defaults, then the configuration file's {@code dryRun:} section, then a probe interval
     * given by the caller ({@code probeSetting} names it in errors; null: none given).
     */
    public static DryRunSettings of(DryRunConfig config, Integer probeIntervalMs, String probeSetting,
                                    boolean rehearseRollback) {
        DryRunSettings d = defaults();
        int probe = probeIntervalMs != null ? probeIntervalMs : config.probeIntervalMs().orElse(d.probeIntervalMs());
        if (probe < 1 || probe > 10_000) {
            throw EngineException.badInput(probeSetting + ": must be between 1 and 10000 (got " + probe + ")");
        }
        return new DryRunSettings(config.lockTimeout().orElse(d.lockTimeout()),
                config.statementTimeout().orElse(d.statementTimeout()), probe, d.probes(), rehearseRollback,
                Optional.empty());
    }

    public DryRunSettings withStopOnBudget(LockBudget budget) {
        return new DryRunSettings(lockTimeout, statementTimeout, probeIntervalMs, probes, rehearseRollback,
                Optional.of(budget));
    }

    public DryRunSettings withoutRollbackRehearsal() {
        return new DryRunSettings(lockTimeout, statementTimeout, probeIntervalMs, probes, false, stopOnBudget);
    }
}

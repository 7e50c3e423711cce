package io.github.migrationdelivery.engine.backfill;

import io.github.migrationdelivery.engine.EngineException;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How a backfill walks: batch sizing, the timeouts of each batch and the throttles. Defaults are
 * in {@link #defaults()} and docs/backfill.md.
 *
 * @param initialBatch      rows in the first batch
 * @param minBatch          the smallest batch the sizer shrinks to
 * @param maxBatch          the largest batch the sizer grows to
 * @param targetBatchTime   what the sizer aims each batch's transaction to take
 * @param lockTimeout       {@code lock_timeout} / {@code innodb_lock_wait_timeout} of each batch
 * @param statementTimeout  {@code statement_timeout} / {@code max_statement_time} of each batch
 * @param maxLag            pause while replication lag is above this
 * @param lagQuery          a query returning the lag in seconds (one number), instead of the server's own view
 * @param loadQuery         a query returning one number; pause while it is above {@code loadMax}
 * @param loadMax           the load query's threshold
 * @param maxRate           at most this many rows changed per second; empty: no limit
 * @param maxLockWait       a session that waited this long on the backfill's row locks halves the next batch
 * @param poll              how often a paused backfill looks again
 * @param maxPause          give up (checkpoint kept) after pausing this long without a break
 * @param lockRetries       consecutive batches that may run into {@code lockTimeout} before the backfill stops
 * @param maxBatches        stop after this many batches (the dry-run's sample); 0: no limit
 */
public record BackfillSettings(int initialBatch, int minBatch, int maxBatch, Duration targetBatchTime,
                               Duration lockTimeout, Duration statementTimeout, Duration maxLag,
                               Optional<String> lagQuery, Optional<String> loadQuery, double loadMax,
                               OptionalDouble maxRate, Duration maxLockWait, Duration poll, Duration maxPause,
                               int lockRetries, int maxBatches) {

    public BackfillSettings {
        lagQuery = lagQuery == null ? Optional.empty() : lagQuery.map(String::strip).filter(q -> !q.isEmpty());
        loadQuery = loadQuery == null ? Optional.empty() : loadQuery.map(String::strip).filter(q -> !q.isEmpty());
        maxRate = maxRate == null ? OptionalDouble.empty() : maxRate;
        positive(minBatch, "--min-batch-size");
        if (maxBatch < minBatch) {
            throw EngineException.badInput("--max-batch-size " + maxBatch + " is below --min-batch-size " + minBatch);
        }
        if (initialBatch < minBatch || initialBatch > maxBatch) {
            throw EngineException.badInput("--batch-size " + initialBatch + ": must be between --min-batch-size "
                    + minBatch + " and --max-batch-size " + maxBatch);
        }
        positive(targetBatchTime, "--target-batch-time");
        positive(lockTimeout, "--lock-timeout");
        positive(statementTimeout, "--statement-timeout");
        positive(maxLockWait, "--max-lock-wait");
        positive(poll, "--poll");
        positive(maxPause, "--max-pause");
        if (maxLag.isNegative()) {
            throw EngineException.badInput("--max-lag must not be negative");
        }
        if (maxRate.isPresent() && !(maxRate.getAsDouble() > 0)) {
            throw EngineException.badInput("--max-rate must be more than 0 rows/s");
        }
        if (loadQuery.isPresent() && Double.isNaN(loadMax)) {
            throw EngineException.badInput("--load-query needs --load-max (the value above which the backfill pauses)");
        }
        if (lockRetries < 0 || maxBatches < 0) {
            throw EngineException.badInput("--lock-retries and the batch limit must not be negative");
        }
    }

    /**
     * 1,000 rows to start, 10 to 100,000, 200 ms per batch, lock timeout 1 s, statement timeout
     * 30 s, lag at most 10 s, no load query, no rate limit, lock waits at most 50 ms, look again
     * every second, give up after 30 minutes of pause, 10 lock-timeout retries, no batch limit.
     */
    public static BackfillSettings defaults() {
        return new BackfillSettings(1_000, 10, 100_000, Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofSeconds(10), Optional.empty(), Optional.empty(), Double.NaN,
                OptionalDouble.empty(), Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofMinutes(30), 10, 0);
    }

    public BackfillSettings withBatches(int initial, int min, int max) {
        return new BackfillSettings(initial, min, max, targetBatchTime, lockTimeout, statementTimeout, maxLag, lagQuery,
                loadQuery, loadMax, maxRate, maxLockWait, poll, maxPause, lockRetries, maxBatches);
    }

    public BackfillSettings withTargetBatchTime(Duration value) {
        return new BackfillSettings(initialBatch, minBatch, maxBatch, value, lockTimeout, statementTimeout, maxLag, lagQuery,
                loadQuery, loadMax, maxRate, maxLockWait, poll, maxPause, lockRetries, maxBatches);
    }

    public BackfillSettings withTimeouts(Duration lock, Duration statement) {
        return new BackfillSettings(initialBatch, minBatch, maxBatch, targetBatchTime, lock, statement, maxLag, lagQuery,
                loadQuery, loadMax, maxRate, maxLockWait, poll, maxPause, lockRetries, maxBatches);
    }

    public BackfillSettings withLag(Duration max, Optional<String> query) {
        return new BackfillSettings(initialBatch, minBatch, maxBatch, targetBatchTime, lockTimeout, statementTimeout, max, query,
                loadQuery, loadMax, maxRate, maxLockWait, poll, maxPause, lockRetries, maxBatches);
    }

    public BackfillSettings withLoad(Optional<String> query, double max) {
        return new BackfillSettings(initialBatch, minBatch, maxBatch, targetBatchTime, lockTimeout, statementTimeout, maxLag,
                lagQuery, query, max, maxRate, maxLockWait, poll, maxPause, lockRetries, maxBatches);
    }

    public BackfillSettings withMaxRate(OptionalDouble rowsPerSecond) {
        return new BackfillSettings(initialBatch, minBatch, maxBatch, targetBatchTime, lockTimeout, statementTimeout, maxLag,
                lagQuery, loadQuery, loadMax, rowsPerSecond, maxLockWait, poll, maxPause, lockRetries, maxBatches);
    }

    public BackfillSettings withMaxLockWait(Duration value) {
        return new BackfillSettings(initialBatch, minBatch, maxBatch, targetBatchTime, lockTimeout, statementTimeout, maxLag,
                lagQuery, loadQuery, loadMax, maxRate, value, poll, maxPause, lockRetries, maxBatches);
    }

    public BackfillSettings withPauses(Duration pollEvery, Duration giveUpAfter) {
        return new BackfillSettings(initialBatch, minBatch, maxBatch, targetBatchTime, lockTimeout, statementTimeout, maxLag,
                lagQuery, loadQuery, loadMax, maxRate, maxLockWait, pollEvery, giveUpAfter, lockRetries, maxBatches);
    }

    public BackfillSettings withLockRetries(int value) {
        return new BackfillSettings(initialBatch, minBatch, maxBatch, targetBatchTime, lockTimeout, statementTimeout, maxLag,
                lagQuery, loadQuery, loadMax, maxRate, maxLockWait, poll, maxPause, value, maxBatches);
    }

    public BackfillSettings withMaxBatches(int value) {
        return new BackfillSettings(initialBatch, minBatch, maxBatch, targetBatchTime, lockTimeout, statementTimeout, maxLag,
                lagQuery, loadQuery, loadMax, maxRate, maxLockWait, poll, maxPause, lockRetries, value);
    }

    private static void positive(long value, String option) {
        if (value <= 0) {
            throw EngineException.badInput(option + " must be more than 0 (got " + value + ")");
        }
    }

    private static void positive(Duration value, String option) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw EngineException.badInput(option + " must be longer than 0");
        }
    }
}

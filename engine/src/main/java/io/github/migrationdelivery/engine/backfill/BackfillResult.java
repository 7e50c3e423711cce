package io.github.migrationdelivery.engine.backfill;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * How a backfill run ended, with the figures of this run.
 *
 * @param id              the backfill's id
 * @param table           the table
 * @param outcome         finished now, finished by an earlier run, or stopped after the sample's batches
 * @param rowsDone        rows changed over every run
 * @param rowsThisRun     rows changed by this run
 * @param walkedThisRun   rows walked by this run
 * @param batches         batches committed by this run
 * @param elapsed         this run's wall time
 * @param paused          time this run spent paused by throttles
 * @param batchTimes      this run's batch transaction times
 * @param rowEstimate     the table's estimated rows (-1: unknown)
 * @param predictedTotal  for a sample: the time a whole backfill of the table would take at the measured rate
 */
public record BackfillResult(String id, String table, Outcome outcome, long rowsDone, long rowsThisRun,
                             long walkedThisRun, int batches, Duration elapsed, Duration paused, BatchTimes batchTimes,
                             long rowEstimate, Optional<Duration> predictedTotal) {

    public enum Outcome {
        /** This run walked to the end of the table. */
        FINISHED,
        /** An earlier run finished; this one did nothing. */
        ALREADY_FINISHED,
        /** Stopped after the batches the settings allow (the dry-run's sample). */
        SAMPLED
    }

    /** Rows walked per second of wall time in this run (pauses included). */
    public double rowsPerSecond() {
        long ms = elapsed.toMillis();
        return ms == 0 ? 0 : walkedThisRun * 1000.0 / ms;
    }

    /** Batch transaction times in ms: median, 95th percentile, longest; all 0 without batches. */
    public record BatchTimes(long p50, long p95, long max) {

        static BatchTimes of(long[] millis, int count) {
            if (count == 0) {
                return new BatchTimes(0, 0, 0);
            }
            long[] sorted = Arrays.copyOf(millis, count);
            Arrays.sort(sorted);
            return new BatchTimes(sorted[(count - 1) / 2], sorted[(int) Math.ceil(count * 0.95) - 1], sorted[count - 1]);
        }
    }
}

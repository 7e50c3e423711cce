package io.github.migrationdelivery.engine.backfill;

import java.time.Duration;

/** What a running backfill reports as it goes (the CLI draws progress from it); every method is optional. */
public interface BackfillListener {

    BackfillListener NONE = new BackfillListener() {
    };

    /**
     * The walk begins (or resumes).
     *
     * @param id          the backfill's id
     * @param table       the table
     * @param key         the key walked ({@code id}, {@code (tenant_id, id)}) and its index
     * @param rowEstimate the server's estimate of the table's rows; -1 when unknown
     * @param resumed     the checkpoint it starts from (rows done by earlier runs)
     * @param throttles   which throttles are on, in words
     */
    record Start(String id, String table, String key, long rowEstimate, Checkpoint resumed, String throttles) {
    }

    /**
     * A batch committed.
     *
     * @param batch          its number in this run, from 1
     * @param range          its key range ({@code id 1001..2000})
     * @param walked         rows of the table in its range
     * @param changed        rows the statement changed
     * @param millis         its transaction's time
     * @param nextBatchSize  how many rows the next batch takes
     * @param rowsDone       rows changed over every run
     * @param rowsWalked     rows walked over every run
     * @param rowEstimate    the table's estimated rows (-1: unknown)
     * @param elapsedMillis  time since this run began
     * @param walkedThisRun  rows walked in this run (for the rate)
     */
    record Progress(int batch, String range, long walked, long changed, long millis, int nextBatchSize, long rowsDone,
                    long rowsWalked, long rowEstimate, long elapsedMillis, long walkedThisRun) {

        /** Rows walked per second in this run. */
        public double rate() {
            return elapsedMillis == 0 ? 0 : walkedThisRun * 1000.0 / elapsedMillis;
        }

        /** Rows still to walk, from the estimate; -1 when unknown. */
        public long remaining() {
            return rowEstimate < 0 ? -1 : Math.max(0, rowEstimate - rowsWalked);
        }
    }

    default void started(Start start) {
    }

    default void batch(Progress progress) {
    }

    /** The backfill stopped taking batches: lag, load, lock waits, or a check that failed ({@code failedCheck}). */
    default void paused(String reason, boolean failedCheck) {
    }

    default void resumed(Duration pausedFor) {
    }

    /** The replication lag measured before a batch (for metrics). */
    default void lag(Duration lag) {
    }

    /** Something worth a line that does not stop the backfill (a lock timeout it retries). */
    default void warning(String message) {
    }
}

package io.github.migrationdelivery.engine.backfill;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a backfill: walks the table's key in ranges, one short transaction per batch that changes
 * the rows of the range and moves the checkpoint, sizes each batch from the last one's time, and
 * waits while a throttle says so. A run that stops part-way (a failing row, a kill, giving up on a
 * pause) leaves the checkpoint at the last committed batch; the same job run again resumes there.
 *
 * <pre>{@code
 * BackfillResult r = new Backfill(BackfillSettings.defaults(), listener, List.of())
 *         .run(target, BackfillJob.ofSet("orders", "status = 'new'", "status IS NULL"));
 * }</pre>
 */
public final class Backfill {

    private final BackfillSettings settings;
    private final BackfillListener listener;
    private final List<ConnectionSpec> replicas;

    /**
     * @param replicas MariaDB/MySQL replicas whose {@code Seconds_Behind_Master} is the lag (none: the
     *                 server's own view, or {@link BackfillSettings#lagQuery()})
     */
    public Backfill(BackfillSettings settings, BackfillListener listener, List<ConnectionSpec> replicas) {
        this.settings = settings;
        this.listener = listener;
        this.replicas = List.copyOf(replicas);
    }

    /**
     * Runs the job against {@code target} to the end of the table (or {@link BackfillSettings#maxBatches()}).
     *
     * @throws EngineException BAD_INPUT (no usable key, a statement the server rejects as invalid),
     *                         INCOMPLETE (a row fails, a pause lasted too long, interrupted),
     *                         LOCK_TIMEOUT (too many lock timeouts in a row), LOCKED (another run
     *                         of the same id moved the checkpoint), DATABASE
     */
    public BackfillResult run(ConnectionSpec target, BackfillJob job) {
        BackfillServer server = BackfillServer.of(target.dialect());
        try (Connection batch = target.connect(); Connection monitor = target.connect();
             Throttle throttle = new Throttle(server, settings, replicas, listener::lag)) {
            TableKey key = server.key(batch, job.table());
            if (job.sql().isPresent() && key.columns().size() > 1) {
                throw EngineException.badInput("--sql: table " + key.name() + " has the composite key " + key.displayColumns()
                        + "; :lo and :hi bound one column, so use --set (which walks composite keys) instead");
            }
            CheckpointTable checkpoints = new CheckpointTable(server);
            checkpoints.ensure(batch);
            Checkpoint start = checkpoints.open(batch, job.id(), key.name(), job.definition());
            if (start.finished()) {
                return new BackfillResult(start.id(), key.name(), BackfillResult.Outcome.ALREADY_FINISHED, start.rowsDone(),
                        0, 0, 0, Duration.ZERO, Duration.ZERO, new BackfillResult.BatchTimes(0, 0, 0), key.rowEstimate(),
                        Optional.empty());
            }
            server.configureBatchSession(batch, settings);
            batch.setAutoCommit(false);
            try (LockWatch watch = new LockWatch(target, server, server.sessionId(batch))) {
                listener.started(new BackfillListener.Start(start.id(), key.name(), key.displayColumns() + " (" + key.index() + ")",
                        key.rowEstimate(), start, throttle.describe()));
                return new Walk(server, new Keyset(key, server.rowValues()), job, checkpoints, start, batch, monitor,
                        throttle, watch).run();
            }
        } catch (SQLException e) {
            throw new EngineException(EngineException.Kind.DATABASE, "backfill " + job.id() + " on " + job.table() + ": "
                    + EngineException.serverMessage(e), null, e);
        }
    }

    /** One run's walk: its position, sizes and figures. */
    private final class Walk {
        private final BackfillServer server;
        private final Keyset keys;
        private final BackfillJob job;
        private final CheckpointTable checkpoints;
        private final Connection batch;
        private final Connection monitor;
        private final Throttle throttle;
        private final LockWatch watch;
        private final long startNs = System.nanoTime();
        private final String id;

        private Optional<String> lastKey;
        private long rowsDone;
        private long rowsWalked;
        private long changedThisRun;
        private long walkedThisRun;
        private int batches;
        private long pausedNs;
        private long[] batchMillis = new long[64];
        private int size = settings.initialBatch();
        private int lockTimeoutsInARow;

        Walk(BackfillServer server, Keyset keys, BackfillJob job, CheckpointTable checkpoints, Checkpoint start,
             Connection batch, Connection monitor, Throttle throttle, LockWatch watch) {
            this.server = server;
            this.keys = keys;
            this.job = job;
            this.checkpoints = checkpoints;
            this.batch = batch;
            this.monitor = monitor;
            this.throttle = throttle;
            this.watch = watch;
            this.id = start.id();
            this.lastKey = start.lastKey();
            this.rowsDone = start.rowsDone();
            this.rowsWalked = start.rowsWalked();
        }

        BackfillResult run() throws SQLException {
            while (true) {
                if (Thread.currentThread().isInterrupted()) {
                    throw stopped("interrupted");
                }
                if (settings.maxBatches() > 0 && batches >= settings.maxBatches()) {
                    return result(BackfillResult.Outcome.SAMPLED);
                }
                awaitThrottles();
                if (!step()) {
                    return result(BackfillResult.Outcome.FINISHED);
                }
            }
        }

        /** One batch, retried after a lock or statement timeout; false when the walk is at the end. */
        private boolean step() throws SQLException {
            long began = System.nanoTime();
            Window window = null;
            watch.start();
            long waited;
            try {
                Checkpoint now = checkpoints.read(batch, id, true).orElseThrow(() -> stopped("its checkpoint row was deleted"));
                if (!now.lastKey().equals(lastKey) || now.finished()) {
                    throw new EngineException(EngineException.Kind.LOCKED, "backfill " + id + ": another run moved its"
                            + " checkpoint in " + Checkpoint.TABLE + " (to " + now.lastKey().orElse("the start")
                            + "); only one run of a backfill at a time");
                }
                window = window();
                if (window == null) {
                    checkpoints.finish(batch, id);
                    batch.commit();
                    return false;
                }
                long changed = apply(window);
                checkpoints.advance(batch, id, keys.encode(window.hi()), changed, window.rows());
                batch.commit();
                waited = watch.stop();
                long elapsedNs = System.nanoTime() - began;
                committed(window, changed, elapsedNs);
            } catch (SQLException e) {
                watch.stop();
                rollback();
                retryOrStop(e, window);
                return true;
            } catch (RuntimeException e) {
                watch.stop();
                rollback();
                throw e;
            }
            if (waited > settings.maxLockWait().toMillis()) {
                // Someone queued behind the batch's row locks: smaller batches, and give the queue the batch's time back.
                long batchMs = batchMillis[batches - 1];
                size = Math.max(settings.minBatch(), size / 2);
                pause("a session waited " + waited + " ms on the backfill's row locks (> --max-lock-wait "
                        + settings.maxLockWait().toMillis() + " ms): next batch " + size + " rows", false, batchMs);
            }
            limitRate();
            return true;
        }

        private void committed(Window window, long changed, long elapsedNs) {
            lockTimeoutsInARow = 0;
            lastKey = Optional.of(keys.encode(window.hi()));
            rowsDone += changed;
            rowsWalked += window.rows();
            changedThisRun += changed;
            walkedThisRun += window.rows();
            long ms = TimeUnit.NANOSECONDS.toMillis(elapsedNs);
            if (batches == batchMillis.length) {
                batchMillis = Arrays.copyOf(batchMillis, batches * 2);
            }
            batchMillis[batches++] = ms;
            size = BatchSizer.next(size, elapsedNs, settings);
            listener.batch(new BackfillListener.Progress(batches, keys.displayRange(window.lo(), window.hi()), window.rows(),
                    changed, ms, size, rowsDone, rowsWalked, keys.key().rowEstimate(), elapsedMillis(), walkedThisRun));
        }

        /** The next range: its first key after the checkpoint, its last key {@code size} rows on (or the table's last). */
        private Window window() throws SQLException {
            TableKey key = keys.key();
            String order = key.columnList();
            Optional<List<Object>> after = lastKey.map(keys::decode);
            Keyset.Condition from = after.map(k -> keys.compare(">", k)).orElse(new Keyset.Condition("", List.of()));
            List<Object> lo = first("SELECT " + order + " FROM " + key.quoted() + where(from) + " ORDER BY " + order + " LIMIT 1",
                    from.params());
            if (lo == null) {
                return null;
            }
            Keyset.Condition fromLo = keys.compare(">=", lo);
            List<Object> hi = first("SELECT " + order + " FROM " + key.quoted() + where(fromLo) + " ORDER BY " + order
                    + " LIMIT 1 OFFSET " + (size - 1), fromLo.params());
            if (hi != null) {
                return new Window(lo, hi, size);
            }
            String descending = String.join(" DESC, ", key.columns().stream().map(TableKey.Column::quoted).toList()) + " DESC";
            hi = first("SELECT " + order + " FROM " + key.quoted() + where(fromLo) + " ORDER BY " + descending + " LIMIT 1",
                    fromLo.params());
            Keyset.Condition range = keys.between(lo, hi);
            try (PreparedStatement ps = batch.prepareStatement("SELECT count(*) FROM " + key.quoted() + where(range))) {
                Keyset.bind(ps, range.params());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Window(lo, hi, rs.getLong(1));
                }
            }
        }

        private List<Object> first(String sql, List<Object> params) throws SQLException {
            try (PreparedStatement ps = batch.prepareStatement(sql)) {
                Keyset.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? keys.read(rs) : null;
                }
            }
        }

        private static String where(Keyset.Condition c) {
            return c.sql().isEmpty() ? "" : " WHERE " + c.sql();
        }

        /** The change on the rows of {@code [lo, hi]}: the user's statement failing here is a {@link RowFailure}. */
        private long apply(Window w) throws SQLException {
            return change(batch, w.lo(), w.hi());
        }

        private long change(Connection c, List<Object> lo, List<Object> hi) throws SQLException {
            String sql;
            List<Object> params;
            if (job.sql().isPresent()) {
                BackfillJob.Template t = job.template();
                sql = t.sql();
                params = t.lows().stream().map(low -> low ? lo.get(0) : hi.get(0)).toList();
            } else {
                Keyset.Condition range = keys.between(lo, hi);
                sql = "UPDATE " + keys.key().quoted() + " SET " + job.set().orElseThrow() + " WHERE " + range.sql()
                        + job.where().map(w -> " AND (" + w + ")").orElse("");
                params = range.params();
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Keyset.bind(ps, params);
                return ps.executeUpdate();
            } catch (SQLException e) {
                throw new RowFailure(e);
            }
        }

        private void retryOrStop(SQLException e, Window window) throws SQLException {
            SQLException cause = e instanceof RowFailure rf ? rf.cause() : e;
            String range = window == null ? "" : " on " + keys.displayRange(window.lo(), window.hi());
            if (server.isConnectionLost(cause)) {
                throw new EngineException(EngineException.Kind.DATABASE, "backfill " + id + ": lost the connection" + range
                        + ": " + EngineException.serverMessage(cause) + kept(), null, cause);
            }
            if (server.isLockTimeout(cause)) {
                lockTimeoutsInARow++;
                if (lockTimeoutsInARow > settings.lockRetries()) {
                    throw new EngineException(EngineException.Kind.LOCK_TIMEOUT, "backfill " + id + ": " + lockTimeoutsInARow
                            + " lock timeouts in a row" + range + " (--lock-timeout " + settings.lockTimeout().toMillis()
                            + " ms): " + EngineException.serverMessage(cause) + kept(), null, cause);
                }
                size = Math.max(settings.minBatch(), size / 2);
                listener.warning("lock timeout" + range + ", retrying with " + size + " rows ("
                        + lockTimeoutsInARow + " of " + settings.lockRetries() + ")");
                sleep(settings.poll().toNanos());
                return;
            }
            if (server.isStatementTimeout(cause)) {
                if (size == settings.minBatch()) {
                    throw stopped("a batch of " + size + " rows" + range + " ran past --statement-timeout "
                            + settings.statementTimeout().toMillis() + " ms");
                }
                size = Math.max(settings.minBatch(), size / 4);
                listener.warning("statement timeout" + range + ", retrying with " + size + " rows");
                return;
            }
            if (!(e instanceof RowFailure)) {
                throw e;
            }
            String state = cause.getSQLState() == null ? "" : cause.getSQLState();
            if (state.startsWith("42")) {
                throw EngineException.badInput("backfill " + id + ": the server rejects the statement: "
                        + EngineException.serverMessage(cause));
            }
            String first = firstFailingKey(window).map(k -> "; first failing row " + keys.display(k)).orElse("");
            throw new EngineException(EngineException.Kind.INCOMPLETE, "backfill " + id + " stopped: the batch"
                    + range + " failed: " + EngineException.serverMessage(cause) + first + kept(), null, cause);
        }

        /**
         * Bisects the failed batch (each try rolled back) for its first failing row; empty when the
         * batch is too big to list cheaply or the failure does not come back.
         */
        private Optional<List<Object>> firstFailingKey(Window w) {
            if (w == null || w.rows() > 100_000) {
                return Optional.empty();
            }
            try {
                List<List<Object>> all = new ArrayList<>();
                Keyset.Condition range = keys.between(w.lo(), w.hi());
                String order = keys.key().columnList();
                try (PreparedStatement ps = batch.prepareStatement("SELECT " + order + " FROM " + keys.key().quoted()
                        + " WHERE " + range.sql() + " ORDER BY " + order)) {
                    Keyset.bind(ps, range.params());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            all.add(keys.read(rs));
                        }
                    }
                }
                rollback();
                int lo = 0;
                int hi = all.size() - 1;
                if (hi < 0 || !fails(all.get(0), all.get(hi))) {
                    return Optional.empty();
                }
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (fails(all.get(lo), all.get(mid))) {
                        hi = mid;
                    } else {
                        lo = mid + 1;
                    }
                }
                return Optional.of(all.get(lo));
            } catch (SQLException e) {
                rollback();
                return Optional.empty();
            }
        }

        private boolean fails(List<Object> lo, List<Object> hi) throws SQLException {
            try {
                change(batch, lo, hi);
                return false;
            } catch (RowFailure e) {
                return !server.isLockTimeout(e.cause()) && !server.isStatementTimeout(e.cause());
            } finally {
                rollback();
            }
        }

        private void awaitThrottles() {
            Optional<Throttle.Pause> pause = throttle.check(monitor);
            if (pause.isEmpty()) {
                return;
            }
            long began = System.nanoTime();
            String reported = null;
            while (pause.isPresent()) {
                String reason = pause.get().reason();
                if (!reason.equals(reported)) {
                    listener.paused(reason, pause.get().failedCheck());
                    reported = reason;
                }
                if (System.nanoTime() - began > settings.maxPause().toNanos()) {
                    pausedNs += System.nanoTime() - began;
                    throw stopped("paused longer than --max-pause " + human(settings.maxPause()) + ": " + reason);
                }
                sleep(settings.poll().toNanos());
                pause = throttle.check(monitor);
            }
            long paused = System.nanoTime() - began;
            pausedNs += paused;
            listener.resumed(Duration.ofNanos(paused));
        }

        private void pause(String reason, boolean failedCheck, long millis) {
            listener.paused(reason, failedCheck);
            long ns = TimeUnit.MILLISECONDS.toNanos(millis);
            sleep(ns);
            pausedNs += ns;
            listener.resumed(Duration.ofNanos(ns));
        }

        /** Sleeps until this run's changed rows are within {@code --max-rate}. */
        private void limitRate() {
            if (settings.maxRate().isEmpty()) {
                return;
            }
            long dueNs = (long) (changedThisRun / settings.maxRate().getAsDouble() * 1e9);
            long ahead = dueNs - (System.nanoTime() - startNs);
            if (ahead > 0) {
                sleep(ahead);
            }
        }

        private void sleep(long nanos) {
            try {
                TimeUnit.NANOSECONDS.sleep(nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw stopped("interrupted");
            }
        }

        private void rollback() {
            try {
                batch.rollback();
            } catch (SQLException e) {
                // the connection is gone; the server rolled the batch back with it
            }
        }

        private EngineException stopped(String why) {
            return new EngineException(EngineException.Kind.INCOMPLETE, "backfill " + id + " stopped: " + why + kept());
        }

        /** The end of every message of a stopped run: what is kept and how to go on. */
        private String kept() {
            return "; " + rowsDone + " rows done up to " + lastKey.map(k -> keys.display(keys.decode(k))).orElse("the start")
                    + " are checkpointed in " + Checkpoint.TABLE + " (id " + id + "): rerun the same command to resume";
        }

        private long elapsedMillis() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        }

        private BackfillResult result(BackfillResult.Outcome outcome) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNs);
            Optional<Duration> predicted = Optional.empty();
            long estimate = keys.key().rowEstimate();
            if (outcome == BackfillResult.Outcome.SAMPLED && walkedThisRun > 0 && estimate > 0) {
                // Paused time is part of the rate: a throttled sample predicts a throttled backfill.
                predicted = Optional.of(Duration.ofMillis((long) (elapsed.toMillis() * (double) estimate / walkedThisRun)));
            }
            return new BackfillResult(id, keys.key().name(), outcome, rowsDone, changedThisRun, walkedThisRun, batches,
                    elapsed, Duration.ofNanos(pausedNs), BackfillResult.BatchTimes.of(batchMillis, batches), estimate, predicted);
        }
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 60_000 == 0 ? ms / 60_000 + " min" : ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    /** A batch's range, both ends inclusive, and how many rows of the table it holds. */
    private record Window(List<Object> lo, List<Object> hi, long rows) {
    }

    /** The user's statement failed (as opposed to the backfill's own bookkeeping). */
    private static final class RowFailure extends SQLException {
        RowFailure(SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
        }

        SQLException cause() {
            return (SQLException) getCause();
        }
    }
}

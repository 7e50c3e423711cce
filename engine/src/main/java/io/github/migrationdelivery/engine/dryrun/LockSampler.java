package io.github.migrationdelivery.engine.dryrun;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Samples the migration session's locks from another connection while a statement runs, for
 * statements whose locks cannot be read by the session itself (outside a transaction, or on a
 * server without such a view). Keeps every lock seen, and when a lock that blocks reads or writes
 * was first and last seen, so the hold is known to about one interval.
 */
final class LockSampler {

    private final Server server;
    private final Connection observer;
    private final long sessionId;
    private final long intervalNs;
    private final Predicate<LockHeld> blocksReads;
    private final Predicate<LockHeld> blocksWrites;
    private final Set<LockHeld> seen = new LinkedHashSet<>();
    private final Thread thread;
    private volatile boolean stopped;
    private long firstReadBlockNs;
    private long lastReadBlockNs;
    private long firstWriteBlockNs;
    private long lastWriteBlockNs;

    LockSampler(Server server, Connection observer, long sessionId, int intervalMs, Predicate<LockHeld> blocksReads,
                Predicate<LockHeld> blocksWrites) {
        this.server = server;
        this.observer = observer;
        this.sessionId = sessionId;
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        this.blocksReads = blocksReads;
        this.blocksWrites = blocksWrites;
        this.thread = new Thread(this::sample, "dry-run lock sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (!stopped) {
            try {
                List<LockHeld> locks = server.sessionLocks(observer, sessionId);
                long now = System.nanoTime();
                synchronized (this) {
                    seen.addAll(locks);
                    if (locks.stream().anyMatch(blocksReads)) {
                        firstReadBlockNs = firstReadBlockNs == 0 ? now : firstReadBlockNs;
                        lastReadBlockNs = now;
                    }
                    if (locks.stream().anyMatch(blocksWrites)) {
                        firstWriteBlockNs = firstWriteBlockNs == 0 ? now : firstWriteBlockNs;
                        lastWriteBlockNs = now;
                    }
                }
            } catch (SQLException e) {
                return; // the observer is gone; what was seen so far stands
            }
            LockSupport.parkNanos(intervalNs);
        }
    }

    /** Stops sampling; returns what was seen. */
    Sample stop() {
        stopped = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            return new Sample(List.copyOf(seen), span(firstReadBlockNs, lastReadBlockNs), span(firstWriteBlockNs, lastWriteBlockNs));
        }
    }

    /** A lock seen in samples from first to last was held for that span plus up to one interval around it. */
    private long span(long first, long last) {
        return first == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(last - first + intervalNs);
    }

    /** What the samples saw: every lock, and how long read- and write-blocking locks were seen held. */
    record Sample(List<LockHeld> locks, long readBlockingMs, long writeBlockingMs) {
    }
}

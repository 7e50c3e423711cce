package io.github.migrationdelivery.engine.backfill;

import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches, on its own connection, for sessions waiting on the row locks a batch holds. Between
 * batches the backfill holds no locks, so only a look during the batch can see who it blocks.
 */
final class LockWatch implements AutoCloseable {

    private static final long SAMPLE_MS = 20;

    private final BackfillServer server;
    private final Connection observer;
    private final long sessionId;
    private final AtomicLong longest = new AtomicLong();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "backfill lock watch");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> sampling;
    private volatile boolean broken;

    LockWatch(ConnectionSpec target, BackfillServer server, long sessionId) {
        this.server = server;
        this.observer = target.connect();
        this.sessionId = sessionId;
    }

    /** A batch begins. */
    void start() {
        longest.set(0);
        if (!broken) {
            sampling = clock.scheduleWithFixedDelay(this::sample, SAMPLE_MS, SAMPLE_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** The batch ended: the longest wait seen on its locks, in ms. */
    long stop() {
        if (sampling != null) {
            sampling.cancel(false);
            sampling = null;
        }
        return longest.get();
    }

    private void sample() {
        try {
            longest.accumulateAndGet(server.longestWaitOn(observer, sessionId), Math::max);
        } catch (SQLException e) {
            // A server that hides other sessions' locks from this user: the batch-time target still bounds the waits.
            broken = true;
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        clock.shutdownNow();
        try {
            observer.close();
        } catch (SQLException e) {
            // closing a monitoring connection: nothing to tell
        }
    }
}

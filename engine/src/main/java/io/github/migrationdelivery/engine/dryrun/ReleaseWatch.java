package io.github.migrationdelivery.engine.dryrun;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * The moment a committing transaction's write-blocking locks are gone, seen from the observer
 * connection. PostgreSQL releases locks before it finishes the commit: a table rewrite's old files
 * are unlinked after the release and before the client hears back, so the commit's return comes
 * later than the lock's end by as long as the unlinking takes (tens of milliseconds for a large
 * table). Traffic waits for the release, not for the return, and so does the measured hold.
 */
final class ReleaseWatch {

    private final Server server;
    private final Connection observer;
    private final long sessionId;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile long releasedNs;

    private ReleaseWatch(Server server, Connection observer, long sessionId) {
        this.server = server;
        this.observer = observer;
        this.sessionId = sessionId;
        this.thread = new Thread(this::poll, "dry-run release watch");
        thread.setDaemon(true);
    }

    /**
     * Starts watching when the session holds a write-blocking lock now, before its commit is sent;
     * null when it holds none, or its locks cannot be seen (then the commit's return is the end).
     */
    static ReleaseWatch start(Server server, Connection observer, long sessionId) {
        ReleaseWatch w = new ReleaseWatch(server, observer, sessionId);
        try {
            if (!w.holdsWriteBlockingLock()) {
                return null;
            }
        } catch (SQLException e) {
            return null;
        }
        w.thread.start();
        return w;
    }

    private boolean holdsWriteBlockingLock() throws SQLException {
        return server.sessionLocks(observer, sessionId).stream().anyMatch(l -> server.blocksWrites(l.mode()));
    }

    private void poll() {
        try {
            while (!stopped) {
                if (!holdsWriteBlockingLock()) {
                    releasedNs = System.nanoTime();
                    return;
                }
            }
        } catch (SQLException e) {
            // No release seen: the commit's return stays the end.
        }
    }

    /** The release, or {@code returnedNs} (the commit's return) when it was not seen first. */
    long endNs(long returnedNs) {
        stopped = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long released = releasedNs;
        return released == 0 ? returnedNs : Math.min(released, returnedNs);
    }
}

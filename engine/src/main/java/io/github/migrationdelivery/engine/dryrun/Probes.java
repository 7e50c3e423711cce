package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Traffic probes: while a statement runs, each probe reads or writes one row of a table it
 * touches, again and again, and records how long each request waited from its first attempt to
 * its success. A blocked attempt gives up after a short lock wait and retries at once, so a probe
 * never sits in a lock queue long enough to stall the migration, and a probe error never fails it.
 * Connections are opened lazily, once per dry-run, and reused by later statements.
 */
final class Probes implements AutoCloseable {

    private final ConnectionSpec target;
    private final Server server;
    private static final long MILLISECOND_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long after a statement is sent probes look every millisecond (it takes its locks at once). */
    private static final long ACQUISITION_NS = TimeUnit.MILLISECONDS.toNanos(50);
    /** The longest the statement waits for its probes to be answered once before it is sent. */
    private static final long WARM_UP_NS = TimeUnit.MILLISECONDS.toNanos(50);

    private final long intervalNs;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dry-run probe");
        t.setDaemon(true);
        return t;
    });

    Probes(ConnectionSpec target, Server server, int intervalMs) {
        this.target = target;
        this.server = server;
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(intervalMs);
    }

    /** Probes for one statement, ready on their threads; they send nothing before {@link Watch#go()}. */
    Watch watch(List<ProbeTarget> targets) throws SQLException {
        Watch w = new Watch();
        for (ProbeTarget t : targets) {
            w.add(new Probe(borrow(), t.readSql(), t.key(), false, w));
            w.add(new Probe(borrow(), t.writeSql(), t.key(), true, w));
        }
        w.warm = new CountDownLatch(w.probes.size());
        for (Probe p : w.probes) {
            threads.execute(p);
        }
        return w;
    }

    private synchronized Connection borrow() throws SQLException {
        Connection c = idle.poll();
        if (c != null) {
            return c;
        }
        c = target.open();
        server.configureProbeSession(c);
        return c;
    }

    private synchronized void giveBack(Connection c) {
        idle.push(c);
    }

    @Override
    public synchronized void close() {
        threads.shutdownNow();
        for (Connection c : idle) {
            closeQuietly(c);
        }
        idle.clear();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // the snapshot is going away; nothing to tell
        }
    }

    /** The probes of one statement. */
    final class Watch {
        private final CountDownLatch start = new CountDownLatch(1);
        private volatile long goNs;
        private final List<Probe> probes = new ArrayList<>();
        private CountDownLatch warm;

        private void add(Probe p) {
            probes.add(p);
        }

        /**
         * Lets the probes begin and returns once each has been answered once (at most
         * {@link #WARM_UP_NS}): the statement is sent next, to probes already awake and asking
         * every millisecond. Started at the send instead, a probe's first blocked request would
         * begin a thread wake-up later than the lock, and its measured wait would fall short of
         * the hold by that much (tens of milliseconds on a busy machine).
         */
        void go() throws InterruptedException {
            goNs = System.nanoTime();
            start.countDown();
            warm.await(WARM_UP_NS, TimeUnit.NANOSECONDS);
            goNs = System.nanoTime();
        }

        /** The statement returned: no new requests; a request still waiting goes on until it gets through. */
        void stop() {
            start.countDown();
            for (Probe p : probes) {
                p.stopped = true;
            }
        }

        long maxReadBlockedMs() {
            return max(false);
        }

        long maxWriteBlockedMs() {
            return max(true);
        }

        private long max(boolean writes) {
            long now = System.nanoTime();
            long max = 0;
            for (Probe p : probes) {
                if (p.write == writes) {
                    long since = p.inFlightSince;
                    max = Math.max(max, Math.max(p.maxNs.get(), since == 0 ? 0 : now - since));
                }
            }
            return TimeUnit.NANOSECONDS.toMillis(max);
        }

        /**
         * Waits for requests still in flight (their locks are gone once the transaction ended), then
         * returns the connections. A probe still stuck after the timeout is cancelled and its
         * connection closed.
         */
        void finish(long timeoutMs) {
            stop();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            for (Probe p : probes) {
                try {
                    long left = deadline - System.nanoTime();
                    if (!p.done.await(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                        p.abandon();
                        p.done.await(1, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    p.abandon();
                }
                if (p.done.getCount() == 0 && p.healthy) {
                    giveBack(p.connection);
                } else {
                    closeQuietly(p.connection);
                }
            }
        }
    }

    private final class Probe implements Runnable {
        private final Connection connection;
        private final String sql;
        private final List<Object> key;
        private final boolean write;
        private final Watch watch;
        private final CountDownLatch start;
        private final CountDownLatch done = new CountDownLatch(1);
        private final AtomicLong maxNs = new AtomicLong();
        private volatile boolean stopped;
        private volatile boolean abandoned;
        private volatile boolean healthy = true;
        private volatile long inFlightSince;
        private volatile PreparedStatement current;

        Probe(Connection connection, String sql, List<Object> key, boolean write, Watch watch) {
            this.connection = connection;
            this.sql = sql;
            this.key = key;
            this.write = write;
            this.watch = watch;
            this.start = watch.start;
        }

        @Override
        public void run() {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                current = ps;
                for (int i = 0; i < key.size(); i++) {
                    ps.setObject(i + 1, key.get(i));
                }
                start.await();
                while (!stopped && !abandoned) {
                    long first = System.nanoTime();
                    inFlightSince = first;
                    boolean ok = request(ps);
                    maxNs.accumulateAndGet(System.nanoTime() - first, Math::max);
                    inFlightSince = 0;
                    watch.warm.countDown();
                    if (!ok) {
                        break;
                    }
                    LockSupport.parkNanos(pause());
                }
            } catch (SQLException e) {
                healthy = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlightSince = 0;
                watch.warm.countDown(); // a probe that failed must not hold the statement back
                done.countDown();
            }
        }

        /**
         * The pause before the next request. The statement takes its lock within its first moments,
         * and a request that got through just before pays a whole interval of late start on the
         * measured wait; probing every millisecond then keeps that error to about a millisecond.
         */
        private long pause() {
            return System.nanoTime() - watch.goNs < ACQUISITION_NS ? Math.min(intervalNs, MILLISECOND_NS) : intervalNs;
        }

        /** One request: retried while its short lock wait runs out; false when the probe should end. */
        private boolean request(PreparedStatement ps) {
            while (!abandoned) {
                try {
                    ps.execute();
                    return true;
                } catch (SQLException e) {
                    if (!server.isProbeTimeout(e)) {
                        // The table went away or changed under the probe: its wait so far still counts.
                        healthy = !server.isConnectionLost(e);
                        return false;
                    }
                }
            }
            return false;
        }

        void abandon() {
            abandoned = true;
            PreparedStatement ps = current;
            if (ps != null) {
                try {
                    ps.cancel();
                } catch (SQLException e) {
                    healthy = false;
                }
            }
        }
    }
}

package io.github.migrationdelivery.engine.snapshot;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A snapshot whose {@link #close()} runs one drop action (drop a database, stop a container or an
 * embedded server) exactly once. A JVM shutdown hook runs the same action when the process is
 * interrupted (Ctrl-C) before close; a normal close removes the hook again.
 *
 * <p>The hook is armed <em>before</em> the thing is created (see {@link #arm}), so an interrupt
 * during a long copy still drops the half-made database.
 */
final class ThrowAwaySnapshot implements Snapshot {

    private final Runnable drop;
    private final AtomicBoolean dropped = new AtomicBoolean();
    private final Thread hook;
    private ConnectionSpec connection;
    private String description;

    private ThrowAwaySnapshot(String what, Runnable drop) {
        this.drop = drop;
        this.hook = new Thread(() -> {
            if (!dropped.get()) {
                // The interrupted command may still report the dropped connection: this line says why.
                System.err.println("migration-delivery: interrupted: removing throw-away " + what);
                System.err.flush();
            }
            dropOnce();
        }, "md-drop-" + what);
    }

    /** Registers the drop action with the JVM; call {@link #ready} once the copy is complete. */
    static ThrowAwaySnapshot arm(String what, Runnable drop) {
        ThrowAwaySnapshot s = new ThrowAwaySnapshot(what, drop);
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** A snapshot that owns nothing (a database used in place): closing it drops nothing. */
    static Snapshot kept(ConnectionSpec connection, String description) {
        return new Snapshot() {
            @Override
            public ConnectionSpec connection() {
                return connection;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public void close() {
                // used in place: nothing of ours to drop
            }
        };
    }

    ThrowAwaySnapshot ready(ConnectionSpec connection, String description) {
        this.connection = connection;
        this.description = description;
        return this;
    }

    /** Runs the drop after a failed copy and rethrows the failure (the drop's own error is attached). */
    RuntimeException abandon(RuntimeException failure) {
        try {
            close();
        } catch (RuntimeException dropFailure) {
            failure.addSuppressed(dropFailure);
        }
        return failure;
    }

    @Override
    public ConnectionSpec connection() {
        return connection;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it drops, and dropOnce makes the second call a no-op
        }
        dropOnce();
    }

    private void dropOnce() {
        if (dropped.compareAndSet(false, true)) {
            drop.run();
        }
    }

    @Override
    public String toString() {
        return description == null ? "snapshot (being created)" : description;
    }
}

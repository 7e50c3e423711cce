package io.github.migrationdelivery.engine.verify;

import java.time.Duration;

/** Waits between samples; tests pass their own to run a window without waiting it out. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep}. */
    static Sleeper real() {
        return d -> Thread.sleep(d.toMillis());
    }
}

package io.github.migrationdelivery.engine.verify;

import java.util.Locale;

/** What one check, or one sample, says about the service. */
public enum Judgement {
    /** Healthy, or within its threshold. */
    OK,
    /** Unhealthy, or over its threshold. */
    BREACH,
    /** No usable answer: unreachable, timed out, garbage, a Prometheus error, no data. */
    UNKNOWN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

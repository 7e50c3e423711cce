package io.github.migrationdelivery.engine.verify;

import io.github.migrationdelivery.engine.EngineException;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@code verify} and {@code verify baseline} poll, how long and how often.
 *
 * @param healthUrls HTTP health endpoints, each asked once per sample
 * @param prometheus the Prometheus queries, when metrics are judged too
 * @param window     how long to watch; samples are taken at 0, interval, 2 × interval, … while before the window's end
 * @param interval   the time between the starts of two samples
 * @param timeout    how long one request may take before it counts as "no answer"
 */
public record VerifySettings(List<URI> healthUrls, Optional<PrometheusQueries> prometheus, Duration window,
                             Duration interval, Duration timeout) {

    public VerifySettings {
        healthUrls = List.copyOf(healthUrls);
        if (healthUrls.isEmpty() && prometheus.isEmpty()) {
            throw EngineException.badInput("verify: nothing to check: give --health-url, --prometheus-url or both");
        }
        for (URI u : healthUrls) {
            if (!"http".equalsIgnoreCase(u.getScheme()) && !"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
                throw EngineException.badInput("--health-url: must be an http:// or https:// address (got "
                        + Endpoints.shown(u) + ")");
            }
        }
        positive(window, "--window");
        positive(interval, "--interval");
        positive(timeout, "--timeout");
        if (interval.compareTo(window) > 0) {
            throw EngineException.badInput("--interval: " + interval.toMillis() + " ms is longer than --window "
                    + window.toMillis() + " ms");
        }
    }

    /** How many samples the window holds: ceil(window / interval). */
    public int plannedSamples() {
        long w = window.toMillis();
        long i = interval.toMillis();
        return (int) Math.min(Integer.MAX_VALUE, (w + i - 1) / i);
    }

    private static void positive(Duration d, String option) {
        if (d.isNegative() || d.isZero()) {
            throw EngineException.badInput(option + ": must be longer than 0");
        }
    }
}

package io.github.migrationdelivery.engine.verify;

import io.github.migrationdelivery.engine.EngineException;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The limits a window is judged against, after the baseline is taken into account.
 *
 * <p>Without a baseline they are the thresholds. With one, the error rate may reach
 * max(threshold, baseline + margin) and the p95 latency max(threshold, baseline × (1 + margin)):
 * a service that already ran at 0.8% errors is judged on what the deploy changed, not failed for
 * what it did before; a threshold that is not given is then the baseline plus its margin alone.
 *
 * @param errorRate  the highest acceptable error rate (fraction), when the error rate is judged
 * @param p95Seconds the highest acceptable p95 latency in seconds, when latency is judged
 * @param basis      how each was arrived at, for the output
 */
public record Limits(OptionalDouble errorRate, OptionalDouble p95Seconds, String basis) {

    /** The limits for these queries, thresholds and (optional) baseline. */
    public static Limits of(Optional<PrometheusQueries> queries, Thresholds t, Optional<Baseline> baseline) {
        boolean errorRateQueried = queries.flatMap(PrometheusQueries::errorRate).isPresent();
        boolean latencyQueried = queries.flatMap(PrometheusQueries::latencyP95).isPresent();
        OptionalDouble baseErrors = baseline.map(Baseline::errorRate).orElse(OptionalDouble.empty());
        OptionalDouble baseP95 = baseline.map(Baseline::p95LatencySeconds).orElse(OptionalDouble.empty());
        StringBuilder basis = new StringBuilder();

        OptionalDouble errorRate = OptionalDouble.empty();
        if (errorRateQueried) {
            OptionalDouble relative = baseErrors.isPresent()
                    ? OptionalDouble.of(baseErrors.getAsDouble() + t.errorRateMargin()) : OptionalDouble.empty();
            errorRate = max(t.errorRateMax(), relative);
            if (errorRate.isEmpty()) {
                throw EngineException.badInput("--error-rate-query: give --error-rate-max or a --baseline with an error rate");
            }
            basis.append("error rate <= ").append(percent(errorRate.getAsDouble()));
            if (relative.isPresent()) {
                basis.append(" (max of threshold ").append(t.errorRateMax().isPresent() ? percent(t.errorRateMax().getAsDouble()) : "none")
                        .append(" and baseline ").append(percent(baseErrors.getAsDouble())).append(" + ")
                        .append(percent(t.errorRateMargin())).append(")");
            }
        }
        OptionalDouble p95 = OptionalDouble.empty();
        if (latencyQueried) {
            OptionalDouble threshold = t.p95LatencyMax().map(d -> OptionalDouble.of(d.toNanos() / 1e9)).orElse(OptionalDouble.empty());
            OptionalDouble relative = baseP95.isPresent()
                    ? OptionalDouble.of(baseP95.getAsDouble() * (1 + t.latencyMargin())) : OptionalDouble.empty();
            p95 = max(threshold, relative);
            if (p95.isEmpty()) {
                throw EngineException.badInput("--latency-p95-query: give --p95-latency-max or a --baseline with a p95 latency");
            }
            basis.append(basis.length() == 0 ? "" : "; ").append("p95 latency <= ").append(millis(p95.getAsDouble()));
            if (relative.isPresent()) {
                basis.append(" (max of threshold ").append(threshold.isPresent() ? millis(threshold.getAsDouble()) : "none")
                        .append(" and baseline ").append(millis(baseP95.getAsDouble())).append(" + ")
                        .append(Math.round(t.latencyMargin() * 100)).append("%)");
            }
        }
        return new Limits(errorRate, p95, basis.toString());
    }

    /** {@code 1.25%}. */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }

    /** {@code 250 ms}; {@code 1.5 ms} below 10 ms. */
    public static String millis(double seconds) {
        if (Double.isInfinite(seconds)) {
            return "+Inf";
        }
        double ms = seconds * 1000;
        return ms < 10 ? String.format(Locale.ROOT, "%.1f ms", ms) : Math.round(ms) + " ms";
    }

    private static OptionalDouble max(OptionalDouble a, OptionalDouble b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : OptionalDouble.of(Math.max(a.getAsDouble(), b.getAsDouble()));
    }
}

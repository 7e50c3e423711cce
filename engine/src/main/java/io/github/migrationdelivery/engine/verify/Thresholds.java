package io.github.migrationdelivery.engine.verify;

import io.github.migrationdelivery.engine.EngineException;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What counts as unhealthy.
 *
 * @param errorRateMax    the highest acceptable error rate, as a fraction (0.01 = 1%)
 * @param p95LatencyMax   the highest acceptable 95th percentile latency
 * @param errorRateMargin with a baseline: how far above the baseline's error rate the service may go,
 *                        in the same fraction (0.005 = half a percentage point)
 * @param latencyMargin   with a baseline: how far above the baseline's p95 latency, relative (0.2 = 20%)
 * @param maxBreaches     how many breaching samples the window tolerates (a blip); one more is unhealthy
 */
public record Thresholds(OptionalDouble errorRateMax, Optional<Duration> p95LatencyMax, double errorRateMargin,
                         double latencyMargin, int maxBreaches) {

    public static final double DEFAULT_ERROR_RATE_MARGIN = 0.005;
    public static final double DEFAULT_LATENCY_MARGIN = 0.2;
    public static final int DEFAULT_MAX_BREACHES = 1;

    public Thresholds {
        if (errorRateMax.isPresent() && !(errorRateMax.getAsDouble() >= 0 && errorRateMax.getAsDouble() <= 1)) {
            throw EngineException.badInput("--error-rate-max: must be between 0% and 100%");
        }
        if (p95LatencyMax.isPresent() && (p95LatencyMax.get().isNegative() || p95LatencyMax.get().isZero())) {
            throw EngineException.badInput("--p95-latency-max: must be longer than 0");
        }
        if (!(errorRateMargin >= 0 && errorRateMargin <= 1)) {
            throw EngineException.badInput("--error-rate-margin: must be between 0% and 100%");
        }
        if (!(latencyMargin >= 0)) {
            throw EngineException.badInput("--p95-latency-margin: must be 0% or more");
        }
        if (maxBreaches < 0) {
            throw EngineException.badInput("--max-breaches: must be 0 or more");
        }
    }
}

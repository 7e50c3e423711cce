package io.github.migrationdelivery.engine.verify;

import java.util.OptionalDouble;

/**
 * One check's answer in one sample.
 *
 * @param check  the health endpoint (as {@code shown}, without secrets), {@code error rate} or {@code p95 latency}
 * @param value  the measured number (a fraction for the error rate, seconds for latency), when there is one
 * @param detail what was seen and, for metrics, against which limit: {@code HTTP 503, status DOWN},
 *               {@code 2.40% > 1.00%}, {@code connection refused}
 */
public record Observation(String check, Judgement judgement, OptionalDouble value, String detail) {

    public static final String ERROR_RATE = "error rate";
    public static final String P95_LATENCY = "p95 latency";
}

package io.github.migrationdelivery.engine.metrics;

/**
 * One metric as both exports name it: the Prometheus name (with its unit suffix, {@code _total}
 * for counters) and the OpenTelemetry name with its UCUM unit.
 */
public record Metric(String prometheusName, String otelName, String unit, Type type, String help) {

    public enum Type { GAUGE, COUNTER }

    static final Metric COMMAND_DURATION = gauge("command_duration_seconds", "command.duration", "s",
            "How long the command ran.");
    static final Metric COMMAND_EXIT_CODE = gauge("command_exit_code", "command.exit_code", "1",
            "The command's exit code (docs/cli.md).");
    static final Metric COMMAND_LAST_RUN = gauge("command_last_run_timestamp_seconds", "command.last_run", "s",
            "When the command finished, in seconds since the Unix epoch.");
    static final Metric CHANGESET_DURATION = gauge("changeset_duration_seconds", "changeset.duration", "s",
            "How long the changeset took to apply.");
    static final Metric LOCK_HELD = gauge("lock_held_seconds", "lock.held", "s",
            "The longest a lock that blocks reads or writes of an existing table was held in the changeset.");
    static final Metric LOCK_WAIT = gauge("lock_wait_seconds", "lock.wait", "s",
            "How long the changeset waited for a lock another session held.");
    static final Metric BLOCKED_TRAFFIC = gauge("blocked_traffic_seconds", "blocked_traffic", "s",
            "The longest a probe query (a single-row read or write) waited behind the changeset.");
    static final Metric BACKFILL_ROWS = counter("backfill_rows_total", "backfill.rows", "{row}",
            "Rows the backfill has updated.");
    static final Metric BACKFILL_BATCHES = counter("backfill_batches_total", "backfill.batches", "{batch}",
            "Batches the backfill has committed.");
    static final Metric BACKFILL_BATCH_DURATION = gauge("backfill_batch_duration_seconds", "backfill.batch.duration", "s",
            "How long the last backfill batch took.");
    static final Metric REPLICATION_LAG = gauge("replication_lag_seconds", "replication.lag", "s",
            "The replication lag the backfill last measured.");
    static final Metric VERIFY_VERDICT = gauge("verify_verdict", "verify.verdict", "1",
            "1 for the verdict of the window (healthy, unhealthy, cannot_judge), 0 for the others.");
    static final Metric VERIFY_SAMPLES = gauge("verify_samples", "verify.samples", "{sample}",
            "Samples of the window by judgement (ok, breach, unknown).");
    static final Metric VERIFY_ERROR_RATE = gauge("verify_error_rate_ratio", "verify.error_rate", "1",
            "The median error rate over the window, as a fraction.");
    static final Metric VERIFY_P95_LATENCY = gauge("verify_p95_latency_seconds", "verify.p95_latency", "s",
            "The median 95th percentile latency over the window.");

    private static final String PROMETHEUS_PREFIX = "migration_delivery_";
    private static final String OTEL_PREFIX = "migration_delivery.";

    private static Metric gauge(String name, String otel, String unit, String help) {
        return new Metric(PROMETHEUS_PREFIX + name, OTEL_PREFIX + otel, unit, Type.GAUGE, help);
    }

    private static Metric counter(String name, String otel, String unit, String help) {
        return new Metric(PROMETHEUS_PREFIX + name, OTEL_PREFIX + otel, unit, Type.COUNTER, help);
    }
}

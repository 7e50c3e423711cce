package io.github.migrationdelivery.engine.metrics;

import io.github.migrationdelivery.engine.dryrun.ChangesetRun;
import io.github.migrationdelivery.engine.dryrun.DryRunReport;
import io.github.migrationdelivery.engine.dryrun.Outcome;
import io.github.migrationdelivery.engine.dryrun.StatementRun;
import io.github.migrationdelivery.engine.plan.Plan;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one command measured, fed by the command as it goes and read once at the end by the
 * writers ({@link PrometheusText}, {@link OtlpExporter}). Every series carries the command and the
 * migration id. Thread-safe: a backfill may report batches from its own thread.
 */
public final class MetricsRecorder {

    /** How many hex digits of the plan's SHA-256 make a migration id, like a short git commit. */
    static final int ID_DIGITS = 12;

    private static final SecureRandom IDS = new SecureRandom();

    private final String command;
    private final String toolVersion;
    private final Clock clock;
    private final Instant started;
    private final String traceId = randomHex(16);
    private final String rootSpanId = randomHex(8);
    private final Map<String, Series> series = new LinkedHashMap<>();
    private final List<SpanData> spans = new ArrayList<>();
    private String migrationId;

    /**
     * @param migrationId the id the user gave ({@code --migration-id}); when empty, {@link #plan} sets it from the plan's checksum
     */
    public MetricsRecorder(String command, Optional<String> migrationId, String toolVersion, Clock clock) {
        this.command = command;
        this.toolVersion = toolVersion;
        this.clock = clock;
        this.started = clock.instant();
        this.migrationId = migrationId.filter(s -> !s.isBlank()).orElse("");
    }

    /** The migration id: the one given, else the first digits of the plan's checksum. */
    public synchronized String migrationId() {
        return migrationId;
    }

    /** Names the migration after the plan, unless an id was given. */
    public synchronized void plan(Plan plan) {
        if (migrationId.isEmpty()) {
            String checksum = plan.checksum();
            String hex = checksum.substring(checksum.indexOf(':') + 1);
            migrationId = hex.substring(0, Math.min(ID_DIGITS, hex.length()));
        }
    }

    /** Per changeset: duration, the longest write- and read-blocking lock held, the longest probe wait; and a span each. */
    public synchronized void dryRun(DryRunReport report) {
        // The report's offsets count from the run's start, which ended just now.
        Instant runStart = clock.instant().minusMillis(report.totalMs());
        for (ChangesetRun c : report.changesets()) {
            Map<String, String> cs = Map.of("changeset", c.name());
            set(Metric.CHANGESET_DURATION, cs, c.durationMs() / 1000.0);
            set(Metric.LOCK_HELD, with(cs, "blocks", "writes"), max(c, StatementRun::writeBlockingHeldMs) / 1000.0);
            set(Metric.LOCK_HELD, with(cs, "blocks", "reads"), max(c, StatementRun::readBlockingHeldMs) / 1000.0);
            set(Metric.BLOCKED_TRAFFIC, with(cs, "probe", "write"), max(c, StatementRun::maxWriteBlockedMs) / 1000.0);
            set(Metric.BLOCKED_TRAFFIC, with(cs, "probe", "read"), max(c, StatementRun::maxReadBlockedMs) / 1000.0);
            if (c.outcome() == Outcome.SKIPPED) {
                continue;
            }
            long offset = c.statements().stream().mapToLong(StatementRun::startedAtMs).min().orElse(0);
            Instant start = runStart.plusMillis(offset);
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("migration_delivery.changeset", c.name());
            attributes.put("migration_delivery.outcome", c.outcome().id());
            attributes.put("migration_delivery.statements", (long) c.statements().size());
            attributes.put("migration_delivery.write_blocking_held_ms", max(c, StatementRun::writeBlockingHeldMs));
            attributes.put("migration_delivery.blocked_traffic_ms", max(c, StatementRun::maxBlockedMs));
            c.statements().stream().map(StatementRun::strongestLock).filter(l -> !l.equals("none")).findFirst()
                    .ifPresent(l -> attributes.put("migration_delivery.lock", l));
            spans.add(new SpanData("changeset " + c.name(), randomHex(8), rootSpanId, start, start.plusMillis(c.durationMs()),
                    attributes, c.outcome() == Outcome.FAILED, c.outcome() == Outcome.FAILED ? report.failure() : ""));
        }
    }

    /** How long a changeset waited for a lock another session held (migrate, backfill). */
    public synchronized void lockWait(String changeset, Duration waited) {
        set(Metric.LOCK_WAIT, Map.of("changeset", changeset), seconds(waited));
    }

    /** One committed backfill batch: adds its rows to the running totals. */
    public synchronized void backfillBatch(String table, long rows, Duration took) {
        Map<String, String> t = Map.of("table", table);
        add(Metric.BACKFILL_ROWS, t, rows);
        add(Metric.BACKFILL_BATCHES, t, 1);
        set(Metric.BACKFILL_BATCH_DURATION, t, seconds(took));
    }

    /** The replication lag as last measured. */
    public synchronized void replicationLag(Duration lag) {
        set(Metric.REPLICATION_LAG, Map.of(), seconds(lag));
    }

    /**
     * A verification window's outcome.
     *
     * @param verdict     {@code healthy}, {@code unhealthy} or {@code cannot_judge}
     * @param byJudgement sample counts by judgement ({@code ok}, {@code breach}, {@code unknown})
     */
    public synchronized void verification(String verdict, Map<String, Long> byJudgement, OptionalDouble medianErrorRate,
                                          OptionalDouble medianP95Seconds) {
        for (String v : List.of("healthy", "unhealthy", "cannot_judge")) {
            set(Metric.VERIFY_VERDICT, Map.of("verdict", v), v.equals(verdict) ? 1 : 0);
        }
        byJudgement.forEach((j, n) -> set(Metric.VERIFY_SAMPLES, Map.of("judgement", j), n));
        medianErrorRate.ifPresent(v -> set(Metric.VERIFY_ERROR_RATE, Map.of(), v));
        medianP95Seconds.ifPresent(v -> set(Metric.VERIFY_P95_LATENCY, Map.of(), v));
    }

    /** Ends the command: its duration, exit code and span, and everything recorded. */
    public synchronized MetricsSnapshot finish(int exitCode) {
        Instant finished = clock.instant();
        set(Metric.COMMAND_DURATION, Map.of(), seconds(Duration.between(started, finished)));
        set(Metric.COMMAND_EXIT_CODE, Map.of(), exitCode);
        set(Metric.COMMAND_LAST_RUN, Map.of(), finished.toEpochMilli() / 1000.0);
        List<SpanData> all = new ArrayList<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("migration_delivery.command", command);
        if (!migrationId.isEmpty()) {
            attributes.put("migration_delivery.migration_id", migrationId);
        }
        attributes.put("process.exit_code", (long) exitCode);
        all.add(new SpanData("migration-delivery " + command, rootSpanId, "", started, finished, attributes,
                exitCode != 0, exitCode != 0 ? "exit code " + exitCode : ""));
        all.addAll(spans);
        List<Series> labelled = series.values().stream().map(s -> new Series(s.metric(), withIds(s.labels()), s.value())).toList();
        return new MetricsSnapshot(command, migrationId, toolVersion, traceId, started, finished, labelled, all);
    }

    private Map<String, String> withIds(Map<String, String> labels) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put("command", command);
        if (!migrationId.isEmpty()) {
            all.put("migration_id", migrationId);
        }
        return all;
    }

    private void set(Metric m, Map<String, String> labels, double value) {
        series.put(key(m, labels), new Series(m, labels, value));
    }

    private void add(Metric m, Map<String, String> labels, double value) {
        series.merge(key(m, labels), new Series(m, labels, value), (a, b) -> new Series(m, labels, a.value() + b.value()));
    }

    private static String key(Metric m, Map<String, String> labels) {
        return m.prometheusName() + new java.util.TreeMap<>(labels);
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put(key, value);
        return all;
    }

    private static long max(ChangesetRun c, java.util.function.ToLongFunction<StatementRun> f) {
        return c.statements().stream().mapToLong(f).max().orElse(0);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        IDS.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}

package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.backfill.Backfill;
import io.github.migrationdelivery.engine.backfill.BackfillJob;
import io.github.migrationdelivery.engine.backfill.BackfillResult;
import io.github.migrationdelivery.engine.backfill.BackfillSettings;
import io.github.migrationdelivery.engine.config.DurationText;
import io.github.migrationdelivery.engine.dryrun.SnapshotDryRun;
import io.github.migrationdelivery.engine.metrics.MetricsRecorder;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;
import io.github.migrationdelivery.engine.snapshot.Credentials;
import io.github.migrationdelivery.engine.snapshot.Snapshot;
import io.github.migrationdelivery.engine.snapshot.SnapshotOptions;
import io.github.migrationdelivery.engine.snapshot.Snapshots;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

/** {@code backfill}: change a table's rows in short, throttled, resumable batches (docs/backfill.md). */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Change a table's rows in short batches along its key: adaptive batch size, paused by replication lag,"
                + " load and lock waits, checkpointed so a stopped run resumes where it stopped.")
final class BackfillCommand implements Callable<Integer> {

    @Option(names = "--target", paramLabel = "JDBC-URL", description = "The database to backfill (not with --dry-run).")
    String target;

    @Option(names = "--dry-run", description = "Run a sample of batches on a throw-away copy (--snapshot) and predict the total time.")
    boolean dryRun;

    @Option(names = "--snapshot", paramLabel = "URI", description = "With --dry-run: template:<jdbc-url>, jdbc:..., dump:... (docs/snapshots.md).")
    String snapshot;

    @Option(names = "--sample-batches", paramLabel = "N", defaultValue = "20", description = "With --dry-run: batches to measure (default ${DEFAULT-VALUE}).")
    int sampleBatches;

    @Option(names = "--table", required = true, paramLabel = "TABLE", description = "The table (schema-qualified or not).")
    String table;

    @Option(names = "--set", paramLabel = "EXPR", description = "The SET expression, e.g. \"status = 'new'\".")
    String set;

    @Option(names = "--where", paramLabel = "COND", description = "Only rows still to do, e.g. \"status IS NULL\" (with --set).")
    String where;

    @Option(names = "--sql", paramLabel = "SQL", description = "A whole statement with :lo and :hi, the batch's inclusive key bounds (instead of --set).")
    String sql;

    @Option(names = "--id", paramLabel = "ID", description = "The checkpoint's id (default: <table>-<hash of table, --set/--sql and --where>).")
    String id;

    @Option(names = "--batch-size", paramLabel = "ROWS", defaultValue = "1000", description = "Rows in the first batch (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--min-batch-size", paramLabel = "ROWS", defaultValue = "10", description = "Default ${DEFAULT-VALUE}.")
    int minBatchSize;

    @Option(names = "--max-batch-size", paramLabel = "ROWS", defaultValue = "100000", description = "Default ${DEFAULT-VALUE}.")
    int maxBatchSize;

    @Option(names = "--target-batch-time", paramLabel = "DURATION", defaultValue = "200ms", converter = DurationConverter.class,
            description = "What each batch's transaction should take; the next batch is sized from the last (default ${DEFAULT-VALUE}).")
    Duration targetBatchTime;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "lock_timeout / innodb_lock_wait_timeout of each batch (default ${DEFAULT-VALUE}).")
    Duration lockTimeout;

    @Option(names = "--statement-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "statement_timeout / max_statement_time of each batch (default ${DEFAULT-VALUE}).")
    Duration statementTimeout;

    @Option(names = "--lock-retries", paramLabel = "N", defaultValue = "10",
            description = "Lock timeouts in a row before stopping (exit 4; default ${DEFAULT-VALUE}).")
    int lockRetries;

    @Option(names = "--max-lag", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Pause while replication lag is above this (default ${DEFAULT-VALUE}).")
    Duration maxLag;

    @Option(names = "--lag-query", paramLabel = "SQL", description = "A query returning the lag in seconds, instead of pg_stat_replication / --replica.")
    String lagQuery;

    @Option(names = "--replica", paramLabel = "JDBC-URL", description = "MariaDB/MySQL: a replica whose Seconds_Behind_Master is the lag (repeatable).")
    List<String> replicas = new ArrayList<>();

    @Option(names = "--load-query", paramLabel = "SQL", description = "A query returning one number; pause while it is above --load-max.")
    String loadQuery;

    @Option(names = "--load-max", paramLabel = "NUMBER", description = "The --load-query threshold.")
    Double loadMax;

    @Option(names = "--max-rate", paramLabel = "ROWS/S", description = "At most this many rows changed per second (default: no limit).")
    Double maxRate;

    @Option(names = "--max-lock-wait", paramLabel = "DURATION", defaultValue = "50ms", converter = DurationConverter.class,
            description = "A session waiting this long on the backfill's row locks halves the next batch and pauses (default ${DEFAULT-VALUE}).")
    Duration maxLockWait;

    @Option(names = "--poll", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "How often a paused backfill checks again (default ${DEFAULT-VALUE}).")
    Duration poll;

    @Option(names = "--max-pause", paramLabel = "DURATION", defaultValue = "30min", converter = DurationConverter.class,
            description = "Give up (exit 9, checkpoint kept) after pausing this long without a break (default ${DEFAULT-VALUE}).")
    Duration maxPause;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "bar (redrawn in place), lines (periodic, for CI logs), none, or auto: bar on a terminal, lines otherwise or under CI=true.")
    String progress;

    @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How often --progress lines prints (default ${DEFAULT-VALUE}).")
    Duration progressInterval;

    @Mixin
    LoginOptions login;

    @Mixin
    MetricsOptions metrics;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        return metrics.run("backfill", err, recorder -> backfill(recorder, spec.commandLine().getOut(), err));
    }

    private int backfill(MetricsRecorder recorder, PrintWriter out, PrintWriter err) {
        BackfillJob job = new BackfillJob(table, Optional.ofNullable(set), Optional.ofNullable(sql), Optional.ofNullable(where),
                Optional.ofNullable(id));
        BackfillSettings settings = settings();
        SnapshotOptions options = login.options(System.getenv());
        List<ConnectionSpec> replicaSpecs = replicas.stream().map(r -> Credentials.resolve(r, options)).toList();
        BackfillProgress.Mode mode = BackfillProgress.Mode.of(progress, System.console() != null, System.getenv());
        BackfillResult result;
        if (dryRun) {
            if (snapshot == null || target != null) {
                throw EngineException.badInput("--dry-run runs on a throw-away copy: give --snapshot, not --target");
            }
            if (sampleBatches < 1) {
                throw EngineException.badInput("--sample-batches must be at least 1");
            }
            Dialect hint = snapshot.contains("mariadb") || snapshot.contains("mysql") ? Dialect.MARIADB : Dialect.POSTGRESQL;
            try (Snapshot copy = Snapshots.provider(snapshot, hint, options).open();
                 BackfillProgress p = new BackfillProgress(mode, err, progressInterval)) {
                err.println("snapshot: " + copy.description());
                result = new Backfill(settings.withMaxBatches(sampleBatches), new BackfillMetrics(p, recorder, table), replicaSpecs)
                        .run(copy.connection(), job);
            }
            out.println(prediction(result));
            return ExitCode.OK.code();
        }
        if (target == null) {
            throw EngineException.badInput("backfill needs --target <jdbc-url> (or --dry-run --snapshot <uri>)");
        }
        if (snapshot != null) {
            throw EngineException.badInput("--snapshot applies to --dry-run only");
        }
        ConnectionSpec spec = Credentials.resolve(target, options);
        try (BackfillProgress p = new BackfillProgress(mode, err, progressInterval)) {
            result = new Backfill(settings, new BackfillMetrics(p, recorder, table), replicaSpecs).run(spec, job);
        }
        out.println(summary(result));
        return ExitCode.OK.code();
    }

    private BackfillSettings settings() {
        if ((loadQuery == null) != (loadMax == null)) {
            throw EngineException.badInput("--load-query and --load-max go together");
        }
        return BackfillSettings.defaults()
                .withBatches(batchSize, minBatchSize, maxBatchSize)
                .withTargetBatchTime(targetBatchTime)
                .withTimeouts(lockTimeout, statementTimeout)
                .withLockRetries(lockRetries)
                .withLag(maxLag, Optional.ofNullable(lagQuery))
                .withLoad(Optional.ofNullable(loadQuery), loadMax == null ? Double.NaN : loadMax)
                .withMaxRate(maxRate == null ? OptionalDouble.empty() : OptionalDouble.of(maxRate))
                .withMaxLockWait(maxLockWait)
                .withPauses(poll, maxPause);
    }

    static String summary(BackfillResult r) {
        if (r.outcome() == BackfillResult.Outcome.ALREADY_FINISHED) {
            return "backfill " + r.id() + ": already finished by an earlier run (" + BackfillProgress.count(r.rowsDone())
                    + " rows changed); nothing to do";
        }
        return "backfill " + r.id() + ": finished, " + BackfillProgress.count(r.rowsThisRun()) + " rows changed ("
                + BackfillProgress.count(r.rowsDone()) + " over all runs), " + BackfillProgress.count(r.walkedThisRun())
                + " walked in " + SnapshotDryRun.ms(r.elapsed().toMillis()) + " (" + BackfillProgress.count((long) r.rowsPerSecond())
                + " rows/s), " + r.batches() + " batches " + batchTimes(r) + ", paused " + SnapshotDryRun.ms(r.paused().toMillis());
    }

    static String prediction(BackfillResult r) {
        String total = r.predictedTotal().map(d -> "predicted total " + BackfillProgress.duration(d.toMillis()) + " for ~"
                + BackfillProgress.count(r.rowEstimate()) + " rows").orElse(r.outcome() == BackfillResult.Outcome.FINISHED
                ? "the sample covered the whole table" : "no prediction (the server has no row estimate: run ANALYZE)");
        return "backfill dry-run " + r.id() + ": " + r.batches() + " batches, " + BackfillProgress.count(r.walkedThisRun())
                + " rows walked in " + SnapshotDryRun.ms(r.elapsed().toMillis()) + " (" + BackfillProgress.count((long) r.rowsPerSecond())
                + " rows/s) " + batchTimes(r) + "; " + total;
    }

    private static String batchTimes(BackfillResult r) {
        BackfillResult.BatchTimes t = r.batchTimes();
        return "(p50 " + t.p50() + " ms, p95 " + t.p95() + " ms, max " + t.max() + " ms)";
    }

    /** {@code 200ms}, {@code 2s}, {@code 5min}, {@code 1h}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return DurationText.parse(value).orElseThrow(() -> new picocli.CommandLine.TypeConversionException(
                    "'" + value + "' is not a duration (e.g. 200ms, 2s, 5min, 1h)"));
        }
    }
}

package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.config.ConfigLoader;
import io.github.migrationdelivery.engine.config.ProjectConfig;
import io.github.migrationdelivery.engine.drift.Drift;
import io.github.migrationdelivery.engine.drift.DriftReport;
import io.github.migrationdelivery.engine.metrics.MetricsRecorder;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;
import io.github.migrationdelivery.engine.snapshot.Credentials;
import io.github.migrationdelivery.engine.snapshot.SnapshotOptions;
import io.github.migrationdelivery.engine.snapshot.Snapshots;
import io.github.migrationdelivery.engine.source.PlanReader;
import io.github.migrationdelivery.engine.verify.Baseline;
import io.github.migrationdelivery.engine.verify.Judgement;
import io.github.migrationdelivery.engine.verify.Limits;
import io.github.migrationdelivery.engine.verify.Observation;
import io.github.migrationdelivery.engine.verify.Sample;
import io.github.migrationdelivery.engine.verify.Thresholds;
import io.github.migrationdelivery.engine.verify.Verdict;
import io.github.migrationdelivery.engine.verify.VerifySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code verify}: watch the service after a deploy and say whether to keep it, roll back, or ask a human. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Poll health endpoints and Prometheus over a window after a deploy: 0 healthy, 1 unhealthy (roll back), "
                + "2 could not judge (ask a human). See docs/verify.md.",
        subcommands = VerifyBaselineCommand.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:healthy over the window",
            "1:unhealthy: the evidence is printed",
            "2:could not judge (unreachable, timeout, garbage, Prometheus error, no data), or bad usage",
            "70:internal error"})
final class VerifyCommand implements Callable<Integer> {

    @Mixin
    WatchOptions watch;

    @Mixin
    MetricsOptions metrics;

    @Option(names = "--error-rate-max", paramLabel = "PERCENT", converter = WatchOptions.PercentConverter.class,
            description = "The highest acceptable error rate, e.g. 1%%.")
    Double errorRateMax;

    @Option(names = "--p95-latency-max", paramLabel = "DURATION", converter = WatchOptions.DurationConverter.class,
            description = "The highest acceptable p95 latency, e.g. 250ms.")
    Duration p95LatencyMax;

    @Option(names = "--baseline", paramLabel = "FILE.json", description = "Judge against this baseline (from 'verify baseline').")
    Path baseline;

    @Option(names = "--error-rate-margin", paramLabel = "PERCENT", defaultValue = "0.5%", converter = WatchOptions.PercentConverter.class,
            description = "With --baseline: how many percentage points above the baseline's error rate are accepted (default: ${DEFAULT-VALUE}).")
    double errorRateMargin;

    @Option(names = "--p95-latency-margin", paramLabel = "PERCENT", defaultValue = "20%", converter = WatchOptions.PercentConverter.class,
            description = "With --baseline: how much above the baseline's p95 latency is accepted (default: ${DEFAULT-VALUE}).")
    double latencyMargin;

    @Option(names = "--max-breaches", paramLabel = "N", defaultValue = "" + Thresholds.DEFAULT_MAX_BREACHES,
            description = "Breaching samples tolerated in the window; one more is unhealthy (default: ${DEFAULT-VALUE}).")
    int maxBreaches;

    @Option(names = "--expect-schema", paramLabel = "PATH",
            description = "The migrations (changelog or folder) whose schema --schema-target must hold after the deploy (drift, docs/drift.md).")
    List<Path> expectSchema;

    @Option(names = "--schema-target", paramLabel = "JDBC-URL",
            description = "The database --expect-schema checks; only read (password from PGPASSWORD or MD_DB_PASSWORD).")
    String schemaTarget;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return metrics.run("verify", err, recorder -> verify(recorder, out, err));
    }

    private int verify(MetricsRecorder recorder, PrintWriter out, PrintWriter err) {
        // Checked before the window, so a typo costs no five minutes of watching.
        if (expectSchema != null && schemaTarget == null) {
            throw EngineException.badInput("--expect-schema needs --schema-target (the database to check)");
        }
        if (expectSchema == null && schemaTarget != null) {
            throw EngineException.badInput("--schema-target needs --expect-schema (the migrations to compare with)");
        }
        VerifySettings settings = watch.settings();
        Thresholds thresholds = new Thresholds(errorRateMax == null ? OptionalDouble.empty() : OptionalDouble.of(errorRateMax),
                Optional.ofNullable(p95LatencyMax), errorRateMargin, latencyMargin, maxBreaches);
        Optional<Baseline> before = Optional.ofNullable(baseline).map(Baseline::read);
        int planned = settings.plannedSamples();
        err.println("verify: " + planned + " samples over " + settings.window().toMillis() + " ms, every "
                + settings.interval().toMillis() + " ms" + before.map(b -> "; baseline of " + b.capturedAt()).orElse(""));
        err.flush();
        Verdict v = watch.verifier(settings).verify(thresholds, before, WatchOptions.progress(err, planned));

        Map<String, Long> byJudgement = new LinkedHashMap<>();
        for (Judgement j : Judgement.values()) {
            byJudgement.put(j.id(), v.count(j));
        }
        recorder.verification(v.status().name().toLowerCase(java.util.Locale.ROOT), byJudgement, v.medianErrorRate(),
                v.medianP95Seconds());

        out.println("verify: " + v.status().id().toUpperCase(java.util.Locale.ROOT) + " (" + v.samples().size() + " of "
                + planned + " samples: " + v.count(Judgement.OK) + " ok, " + v.count(Judgement.BREACH) + " breached, "
                + v.count(Judgement.UNKNOWN) + " could not be judged)");
        if (!v.limits().basis().isEmpty()) {
            out.println("  limits: " + v.limits().basis());
        }
        v.medianErrorRate().ifPresent(r -> out.println("  median error rate: " + Limits.percent(r)));
        v.medianP95Seconds().ifPresent(p -> out.println("  median p95 latency: " + Limits.millis(p)));
        v.reasons().forEach(r -> out.println("  " + r));
        if (v.status() != Verdict.Status.HEALTHY) {
            out.println("evidence:");
            for (Sample s : v.samples()) {
                for (Observation o : s.observations()) {
                    if (o.judgement() != Judgement.OK) {
                        out.println("  sample " + s.index() + " at " + s.at() + ": " + o.judgement().id() + ": " + o.check()
                                + ": " + o.detail());
                    }
                }
            }
        }
        out.flush();
        Verdict.Status status = schemaAsserted(v.status(), out);
        return switch (status) {
            case HEALTHY -> ExitCode.OK.code();
            case UNHEALTHY -> ExitCode.GATE_FAILED.code();
            case CANNOT_JUDGE -> ExitCode.COULD_NOT_JUDGE.code();
        };
    }

    /**
     * The schema assertion after a deploy: the live schema and history must be what the
     * migrations say (drift clean). Drift makes a healthy service unhealthy; a database that
     * cannot be read makes the verdict "could not judge", never "healthy".
     */
    private Verdict.Status schemaAsserted(Verdict.Status health, PrintWriter out) {
        if (expectSchema == null) {
            return health;
        }
        ProjectConfig project = ConfigLoader.load(Optional.empty(), Path.of(""));
        DriftReport report;
        try {
            ConnectionSpec db = Credentials.resolve(schemaTarget, SnapshotOptions.of(System.getenv()));
            Dialect d = project.dialect().orElse(db.dialect());
            Plan plan = new PlanReader(d, project.serverVersion().orElse(d.defaultVersion()), Set.of(), Set.of())
                    .read(expectSchema);
            report = new Drift().check(plan, db, Optional.of(Snapshots.empty(db)));
        } catch (EngineException e) {
            if (e.kind() == EngineException.Kind.BAD_INPUT) {
                throw e;
            }
            out.println("verify: schema: could not check: " + e.oneLine());
            out.flush();
            return health == Verdict.Status.UNHEALTHY ? health : Verdict.Status.CANNOT_JUDGE;
        }
        DriftCommand.print(report, out);
        out.flush();
        return report.clean() ? health : Verdict.Status.UNHEALTHY;
    }
}

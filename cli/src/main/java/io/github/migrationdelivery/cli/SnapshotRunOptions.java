package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.config.ProjectConfig;
import io.github.migrationdelivery.engine.dryrun.DryRunSettings;
import io.github.migrationdelivery.engine.snapshot.SnapshotOptions;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

import java.nio.file.Path;
import java.util.Map;

/** What {@code dry-run} and {@code check} share: the plan, the snapshot and how to apply the plan to it. */
final class SnapshotRunOptions {

    @Mixin
    PlanOptions plan;

    @Option(names = "--report", paramLabel = "FILE.json", description = "Write the JSON report (docs/dry-run-report.md).")
    Path report;

    @Option(names = "--html", paramLabel = "FILE.html", description = "Write the self-contained HTML report with the lock timeline.")
    Path html;

    @Option(names = "--no-rollback-rehearsal", description = "Do not rehearse the rollback after the forward run.")
    boolean noRollbackRehearsal;

    @Option(names = "--probe-interval-ms", paramLabel = "MS",
            description = "How often probes and lock samplers look (default: config dryRun.probeIntervalMs, else 5).")
    Integer probeIntervalMs;

    @Option(names = "--in-place", description = "Use a jdbc: snapshot as it is instead of a throw-away copy of it.")
    boolean inPlace;

    @Option(names = "--scale", paramLabel = "FACTOR",
            description = "synthetic: snapshots only: generate source rows x FACTOR per table (default 1; e.g. 0.1).")
    Double scale;

    @Mixin
    LoginOptions login;

    SnapshotOptions snapshotOptions(ProjectConfig project, Map<String, String> environment) {
        SnapshotOptions o = login.options(environment).withInPlace(inPlace);
        if (scale != null) {
            o = o.withScale(scale);
        }
        if (project.productionUrl().isPresent()) {
            o = o.withProductionUrl(project.productionUrl().get());
        }
        return o;
    }

    /** The dry-run's settings: its defaults, then the config file's {@code dryRun:}, then the flags. */
    DryRunSettings settings(ProjectConfig project) {
        return DryRunSettings.of(project.dryRun(), probeIntervalMs, "--probe-interval-ms", !noRollbackRehearsal);
    }
}

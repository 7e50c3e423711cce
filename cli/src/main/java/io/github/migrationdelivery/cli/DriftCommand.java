package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.config.ProjectConfig;
import io.github.migrationdelivery.engine.drift.ChecksumFinding;
import io.github.migrationdelivery.engine.drift.Drift;
import io.github.migrationdelivery.engine.drift.DriftReport;
import io.github.migrationdelivery.engine.metrics.MetricsRecorder;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.report.DriftJson;
import io.github.migrationdelivery.engine.schema.SchemaDifference;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;
import io.github.migrationdelivery.engine.snapshot.SnapshotOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code drift}: does the target still hold what its migrations say? */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "Compare a target's migration history (checksums, order) and live schema with the migration files; print the SQL that would reconcile drift.")
final class DriftCommand implements Callable<Integer> {

    @Mixin
    TargetOptions options;

    @Option(names = "--target", required = true, paramLabel = "JDBC-URL", description = "The database to check; only read.")
    String target;

    @Option(names = "--no-schema", description = "Check checksums and order only; do not build and compare the schema.")
    boolean noSchema;

    @Mixin
    MetricsOptions metrics;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return metrics.run("drift", spec.commandLine().getErr(), this::run);
    }

    private int run(MetricsRecorder recorder) {
        PrintWriter out = spec.commandLine().getOut();
        ProjectConfig project = options.plan.project();
        Dialect dialect = options.plan.dialect(project);
        Plan plan = options.plan.readKeepingDuplicateVersions(dialect, options.plan.serverVersion(project, dialect));
        recorder.plan(plan);
        SnapshotOptions snapshotOptions = options.snapshotOptions(project, System.getenv());
        ConnectionSpec db = options.target(target, snapshotOptions);
        DriftReport report = new Drift().check(plan, db,
                noSchema ? Optional.empty() : Optional.of(options.scratch(db, dialect, snapshotOptions)));
        if (!options.jsonToStandardOutput()) {
            print(report, out);
        }
        options.writeJson(a -> DriftJson.write(report, a), out);
        out.flush();
        return report.clean() ? ExitCode.OK.code() : ExitCode.GATE_FAILED.code();
    }

    static void print(DriftReport r, PrintWriter out) {
        out.println("target: " + r.target() + " (" + (r.historyTables().isEmpty() ? "no migration history"
                : String.join(", ", r.historyTables())) + ")");
        out.println("changesets: " + r.changesets() + " in the files, " + r.applied() + " applied, " + r.pending() + " pending");
        for (ChecksumFinding f : r.checksums()) {
            out.println(f);
        }
        r.schema().ifPresent(s -> {
            out.println("expected schema built on " + s.scratch());
            for (SchemaDifference d : s.differences()) {
                out.println("schema: " + describe(d));
            }
            if (!s.reconcile().isEmpty()) {
                out.println("SQL that would reconcile the live database with the migrations (review before running):");
                s.reconcile().forEach(line -> out.println("    " + line));
            }
        });
        long failing = r.checksums().stream().filter(f -> f.kind().failsGate()).count();
        int differences = r.schema().map(s -> s.differences().size()).orElse(0);
        out.println("drift: " + (r.clean() ? "clean" : "FAILED") + ": " + failing + " history problem(s), "
                + (r.schema().isPresent() ? differences + " schema difference(s)" : "schema not compared"));
    }

    /** "added" in the live database only reads as what it is: made by hand, not by a migration. */
    private static String describe(SchemaDifference d) {
        if (d.before().isEmpty()) {
            return d.object() + ": in the live database only (" + d.after() + ")";
        }
        if (d.after().isEmpty()) {
            return d.object() + ": missing from the live database (migrations make " + d.before() + ")";
        }
        return d.object() + ": migrations make " + d.before() + ", live has " + d.after();
    }
}

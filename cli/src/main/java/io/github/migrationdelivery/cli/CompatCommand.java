package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.compat.Compat;
import io.github.migrationdelivery.engine.compat.CompatChange;
import io.github.migrationdelivery.engine.compat.CompatReport;
import io.github.migrationdelivery.engine.compat.UsedColumns;
import io.github.migrationdelivery.engine.config.ProjectConfig;
import io.github.migrationdelivery.engine.metrics.MetricsRecorder;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.report.CompatJson;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;
import io.github.migrationdelivery.engine.snapshot.SnapshotOptions;
import io.github.migrationdelivery.engine.snapshot.Snapshots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code compat}: which of the plan's changes break the application version still running? */
@Command(name = "compat", mixinStandardHelpOptions = true,
        description = "Diff the schema before and after the pending migrations and report every change that breaks the application version still running, with expand/contract phases.")
final class CompatCommand implements Callable<Integer> {

    @Mixin
    TargetOptions options;

    @Option(names = "--target", paramLabel = "JDBC-URL",
            description = "Read which migrations are applied from this database (only read); before and after are built on --scratch.")
    String target;

    @Option(names = "--before", paramLabel = "URI",
            description = "A snapshot of the real schema (jdbc:, template:, dump:, ... docs/snapshots.md): the plan's pending migrations are applied to a throw-away copy.")
    String before;

    @Option(names = "--used-columns", paramLabel = "FILE",
            description = "Columns the running version uses, one table.column per line (table.* for all, # comments): drops of others are harmless.")
    Path usedColumns;

    @Mixin
    MetricsOptions metrics;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return metrics.run("compat", spec.commandLine().getErr(), this::run);
    }

    private int run(MetricsRecorder recorder) {
        if ((target == null) == (before == null)) {
            throw EngineException.badInput("compat: give exactly one of --target <jdbc-url> or --before <snapshot-uri>");
        }
        PrintWriter out = spec.commandLine().getOut();
        ProjectConfig project = options.plan.project();
        Dialect dialect = options.plan.dialect(project);
        Optional<UsedColumns> used = Optional.ofNullable(usedColumns).map(UsedColumns::read);
        Plan plan = options.plan.read(dialect, options.plan.serverVersion(project, dialect));
        recorder.plan(plan);
        SnapshotOptions snapshotOptions = options.snapshotOptions(project, System.getenv());
        Compat compat = new Compat(used);
        CompatReport report;
        if (before != null) {
            report = compat.fromSnapshot(plan, Snapshots.provider(before, dialect, snapshotOptions));
        } else {
            ConnectionSpec db = options.target(target, snapshotOptions);
            report = compat.fromTarget(plan, db, options.scratch(db, dialect, snapshotOptions));
        }
        if (!options.jsonToStandardOutput()) {
            print(report, out);
        }
        options.writeJson(a -> CompatJson.write(report, a), out);
        out.flush();
        return report.breaking().isEmpty() ? ExitCode.OK.code() : ExitCode.GATE_FAILED.code();
    }

    static void print(CompatReport r, PrintWriter out) {
        out.println("before: " + r.before());
        out.println("pending: " + (r.pending().isEmpty() ? "none" : String.join(", ", r.pending())));
        for (CompatChange c : r.changes()) {
            out.println(c);
            for (int i = 0; i < c.phases().size(); i++) {
                out.println("    " + (i + 1) + ". " + c.phases().get(i));
            }
        }
        int breaking = r.breaking().size();
        out.println("compat: " + (breaking == 0 ? "passed" : "FAILED") + ": " + breaking + " breaking change(s), "
                + (r.changes().size() - breaking) + " harmless");
    }
}

package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.budget.BudgetCheck;
import io.github.migrationdelivery.engine.budget.LockBudget;
import io.github.migrationdelivery.engine.config.ProjectConfig;
import io.github.migrationdelivery.engine.dryrun.DryRunReport;
import io.github.migrationdelivery.engine.dryrun.SnapshotDryRun;
import io.github.migrationdelivery.engine.dryrun.DryRunSettings;
import io.github.migrationdelivery.engine.dryrun.RollbackRehearsal;
import io.github.migrationdelivery.engine.lint.FailLevel;
import io.github.migrationdelivery.engine.lint.LintResult;
import io.github.migrationdelivery.engine.metrics.MetricsRecorder;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.ServerVersion;
import io.github.migrationdelivery.engine.report.DryRunJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code dry-run}: apply the plan to a throw-away snapshot and measure what each statement does to traffic. */
@Command(name = "dry-run", mixinStandardHelpOptions = true,
        description = "Apply migrations to a throw-away, production-like snapshot and measure locks, rewrites and blocked traffic per statement.")
final class DryRunCommand implements Callable<Integer> {

    @Mixin
    SnapshotRunOptions run;

    @Option(names = "--snapshot", required = true, paramLabel = "URI",
            description = "jdbc:..., template:<jdbc-url>, dump:<file>, testcontainers:postgres:15, embedded:15 or synthetic:<jdbc-url> (docs/snapshots.md).")
    String snapshot;

    @Option(names = "--budget-exclusive-ms", paramLabel = "MS",
            description = "Stop at the first statement that holds a write-blocking lock longer than MS, rolling it back (exit 1).")
    Long budgetExclusiveMs;

    @Mixin
    MetricsOptions metrics;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        return metrics.run("dry-run", err, recorder -> dryRun(recorder, spec.commandLine().getOut(), err));
    }

    private int dryRun(MetricsRecorder recorder, PrintWriter out, PrintWriter err) {
        ProjectConfig project = run.plan.project();
        Dialect dialect = run.plan.dialect(project);
        ServerVersion version = run.plan.serverVersion(project, dialect);
        DryRunSettings settings = run.settings(project);
        Optional<LockBudget> budget = Optional.empty();
        if (budgetExclusiveMs != null) {
            LockBudget b = LockBudget.defaults().overriddenBy(project.budget())
                    .withMaxWriteBlockingMs(BudgetOptions.nonNegative(budgetExclusiveMs, "--budget-exclusive-ms"));
            budget = Optional.of(b);
            settings = settings.withStopOnBudget(b);
        }
        Plan plan = run.plan.read(dialect, version);
        recorder.plan(plan);
        // Linted so the report can name the rule behind each measured figure (assert-lock-budget prints it).
        LintResult lint = project.lint(plan, version, project.failOn().orElse(FailLevel.ERROR));
        DryRunReport report = SnapshotDryRun.run(snapshot, plan, run.snapshotOptions(project, System.getenv()), settings,
                Optional.empty(), err);
        recorder.dryRun(report);
        Optional<DryRunJson.BudgetVerdict> verdict = budget.map(b ->
                new DryRunJson.BudgetVerdict(b, BudgetCheck.evaluate(report, b, Optional.of(lint))));
        SnapshotDryRun.writeReports(SnapshotDryRun.document(report, verdict, Optional.of(lint)), run.report, run.html, out);
        out.println(SnapshotDryRun.summary(report));
        verdict.filter(v -> !v.passed()).ifPresent(v -> SnapshotDryRun.printBreaches(v.breaches(), out));
        out.flush();
        Optional<EngineException.Kind> failed = report.failureKind();
        if (failed.isPresent()) {
            err.println("migration-delivery: " + report.failure());
            return ExitCode.of(failed.get()).code();
        }
        boolean overBudget = verdict.map(v -> !v.passed()).orElse(false);
        boolean rehearsalFailed = report.rollback() != null && report.rollback().status() == RollbackRehearsal.Status.FAILED;
        return overBudget || rehearsalFailed ? ExitCode.GATE_FAILED.code() : ExitCode.OK.code();
    }
}


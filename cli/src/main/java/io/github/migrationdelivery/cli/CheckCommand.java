package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.budget.Breach;
import io.github.migrationdelivery.engine.budget.BudgetCheck;
import io.github.migrationdelivery.engine.budget.LockBudget;
import io.github.migrationdelivery.engine.config.ProjectConfig;
import io.github.migrationdelivery.engine.dryrun.ChangesetRun;
import io.github.migrationdelivery.engine.dryrun.DryRunReport;
import io.github.migrationdelivery.engine.dryrun.SnapshotDryRun;
import io.github.migrationdelivery.engine.dryrun.RollbackRehearsal;
import io.github.migrationdelivery.engine.dryrun.StatementRun;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code check}: lint, dry-run, lock budget and rollback rehearsal in one go, with one summary. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Lint, dry-run on a throw-away snapshot, lock budget and rollback rehearsal in one go.")
final class CheckCommand implements Callable<Integer> {

    static final String DEFAULT_SNAPSHOT = "embedded:15";

    @Mixin
    SnapshotRunOptions run;

    @Mixin
    BudgetOptions limits;

    @Option(names = "--snapshot", paramLabel = "URI", defaultValue = DEFAULT_SNAPSHOT,
            description = "Where to dry-run (default: ${DEFAULT-VALUE}; as root use template:<jdbc-url> or jdbc:<url>).")
    String snapshot;

    @Option(names = "--seed", paramLabel = "FILE.sql", description = "A SQL script run into the fresh snapshot first.")
    Path seed;

    @Mixin
    MetricsOptions metrics;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        return metrics.run("check", err, recorder -> check(recorder, spec.commandLine().getOut(), err));
    }

    private int check(MetricsRecorder recorder, PrintWriter out, PrintWriter err) {
        ProjectConfig project = run.plan.project();
        Dialect dialect = run.plan.dialect(project);
        ServerVersion version = run.plan.serverVersion(project, dialect);
        LockBudget budget = limits.budget(project.budget());
        Plan plan = run.plan.read(dialect, version);
        recorder.plan(plan);
        LintResult lint = project.lint(plan, version, project.failOn().orElse(FailLevel.ERROR));
        DryRunReport report = SnapshotDryRun.run(snapshot, plan, run.snapshotOptions(project, System.getenv()),
                run.settings(project), Optional.ofNullable(seed), err);
        recorder.dryRun(report);
        List<Breach> breaches = BudgetCheck.evaluate(report, budget, Optional.of(lint));
        DryRunJson.BudgetVerdict verdict = new DryRunJson.BudgetVerdict(budget, breaches);
        SnapshotDryRun.writeReports(SnapshotDryRun.document(report, Optional.of(verdict), Optional.of(lint)),
                run.report, run.html, out);

        List<String> failures = new ArrayList<>();
        out.println();
        out.println(lint.summary());
        if (lint.failed()) {
            failures.add("lint");
        }
        out.println(SnapshotDryRun.summary(report));
        for (ChangesetRun c : report.changesets()) {
            out.println("  " + changesetLine(c));
        }
        Optional<EngineException.Kind> runFailed = report.failureKind();
        if (runFailed.isPresent()) {
            out.println("  failure: " + report.failure());
            failures.add("dry-run");
        }
        if (breaches.isEmpty()) {
            out.println("lock budget: passed (" + SnapshotDryRun.limits(budget) + ")");
        } else {
            out.println("lock budget: FAILED: " + breaches.size() + (breaches.size() == 1 ? " breach" : " breaches")
                    + " (" + SnapshotDryRun.limits(budget) + ")");
            SnapshotDryRun.printBreaches(breaches, out);
            failures.add("lock budget");
        }
        out.println(rehearsalLine(report.rollback()));
        if (report.rollback() != null && report.rollback().status() == RollbackRehearsal.Status.FAILED) {
            failures.add("rollback rehearsal");
        }
        out.println(failures.isEmpty() ? "check: passed" : "check: FAILED (" + String.join(", ", failures) + ")");
        out.flush();
        if (runFailed.isPresent()) {
            return ExitCode.of(runFailed.get()).code();
        }
        return failures.isEmpty() ? ExitCode.OK.code() : ExitCode.GATE_FAILED.code();
    }

    /** {@code 2.0-orders-status::orders-team: applied, 3 ms; AccessExclusiveLock held 3 ms; probes blocked 2 ms}. */
    static String changesetLine(ChangesetRun c) {
        long write = c.statements().stream().mapToLong(StatementRun::writeBlockingHeldMs).max().orElse(0);
        long read = c.statements().stream().mapToLong(StatementRun::readBlockingHeldMs).max().orElse(0);
        long blocked = c.statements().stream().mapToLong(StatementRun::maxBlockedMs).max().orElse(0);
        List<String> rewritten = c.statements().stream().flatMap(s -> s.rewrittenTables().stream()).distinct().toList();
        String strongest = c.statements().stream().filter(s -> s.blocksReads()).map(StatementRun::strongestLock).findFirst()
                .or(() -> c.statements().stream().filter(s -> s.blocksWrites()).map(StatementRun::strongestLock).findFirst())
                .or(() -> c.statements().stream().map(StatementRun::strongestLock).filter(l -> !l.equals("none")).findFirst())
                .orElse("none");
        return c.name() + ": " + c.outcome().id().replace('_', ' ') + ", " + SnapshotDryRun.ms(c.durationMs())
                + "; strongest lock " + strongest + "; write-blocking held " + SnapshotDryRun.ms(write)
                + ", read-blocking held " + SnapshotDryRun.ms(read) + ", probes blocked " + SnapshotDryRun.ms(blocked)
                + (rewritten.isEmpty() ? "" : "; rewrote " + String.join(", ", rewritten));
    }

    static String rehearsalLine(RollbackRehearsal r) {
        if (r == null) {
            return "rollback rehearsal: skipped";
        }
        StringBuilder s = new StringBuilder("rollback rehearsal: ").append(r.status().id());
        switch (r.status()) {
            case INCOMPLETE -> s.append(" (a warning, not a failure: some changesets have no rollback)");
            case FAILED -> s.append(" (the way back does not restore the schema, or destroys data)");
            default -> { }
        }
        for (String d : r.dataLoss()) {
            s.append("\n  data loss: ").append(d);
        }
        r.afterRollback().forEach(d -> s.append("\n  after rollback: ").append(d));
        r.afterReapply().forEach(d -> s.append("\n  after re-apply: ").append(d));
        r.notes().forEach(n -> s.append("\n  note: ").append(n));
        return s.toString();
    }
}

package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.budget.Breach;
import io.github.migrationdelivery.engine.budget.BudgetCheck;
import io.github.migrationdelivery.engine.budget.LockBudget;
import io.github.migrationdelivery.engine.config.ConfigLoader;
import io.github.migrationdelivery.engine.config.ProjectConfig;
import io.github.migrationdelivery.engine.dryrun.DryRunReport;
import io.github.migrationdelivery.engine.dryrun.Outcome;
import io.github.migrationdelivery.engine.dryrun.SnapshotDryRun;
import io.github.migrationdelivery.engine.report.DryRunJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code assert-lock-budget}: the gate on a dry-run report's measured figures. */
@Command(name = "assert-lock-budget", mixinStandardHelpOptions = true,
        description = "Fail when a dry-run report shows a statement over the lock budget; name the rule and the safe rewrite.")
final class AssertLockBudgetCommand implements Callable<Integer> {

    @Option(names = "--report", required = true, paramLabel = "FILE.json", description = "A report written by dry-run or check --report.")
    Path report;

    @Mixin
    BudgetOptions limits;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file with a budget: section (default: ./" + ConfigLoader.FILE_NAME + " when present).")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ProjectConfig project = ConfigLoader.load(Optional.ofNullable(config), Path.of(""));
        LockBudget budget = limits.budget(project.budget());
        DryRunJson.Document doc = DryRunJson.read(report);
        DryRunReport r = doc.report();
        List<Breach> breaches = BudgetCheck.evaluate(r, budget,
                doc.lint().map(DryRunJson.LintSummary::findings).orElse(List.of()));
        SnapshotDryRun.printBreaches(breaches, out);
        // A run that did not finish measured only part of the plan: the rest cannot be within budget on its word.
        boolean incomplete = r.outcome() == Outcome.FAILED;
        long statements = r.statements().stream().filter(s -> s.outcome() != Outcome.SKIPPED).count();
        if (incomplete) {
            out.println("lock budget: FAILED: the dry-run did not finish (" + r.failure() + "); statements after it were not measured");
        } else if (!breaches.isEmpty()) {
            out.println("lock budget: FAILED: " + breaches.size() + (breaches.size() == 1 ? " breach" : " breaches")
                    + " (" + SnapshotDryRun.limits(budget) + ")");
        } else {
            out.println("lock budget: passed: " + statements + " statements within " + SnapshotDryRun.limits(budget));
        }
        out.flush();
        return incomplete || !breaches.isEmpty() ? ExitCode.GATE_FAILED.code() : ExitCode.OK.code();
    }
}

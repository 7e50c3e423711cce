package io.jenkins.plugins.migrationdelivery;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.budget.Breach;
import io.github.migrationdelivery.engine.budget.BudgetCheck;
import io.github.migrationdelivery.engine.budget.LockBudget;
import io.github.migrationdelivery.engine.dryrun.DryRunReport;
import io.github.migrationdelivery.engine.dryrun.Outcome;
import io.github.migrationdelivery.engine.dryrun.SnapshotDryRun;
import io.github.migrationdelivery.engine.report.DryRunJson;
import jenkins.MasterToSlaveFileCallable;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code assertLockBudget(report: 'migration-delivery/dry-run.json', maxExclusiveMs: 200)}: the gate
 * on a dry-run report's measured figures. On a breach it marks the stage and the build per
 * {@code onBreach} (FAILURE by default, or UNSTABLE) with one line per statement, and returns
 * {@code [passed: false, breaches: [...]]}. A report of a run that did not finish never passes.
 */
public class AssertLockBudgetStep extends Step implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String report;
    private Long maxExclusiveMs;
    private Long maxReadBlockMs;
    private Long maxBlockedMs;
    private Long maxStatementMs;
    private Long maxTotalMs;
    private String onBreach = "FAILURE";

    @DataBoundConstructor
    public AssertLockBudgetStep(String report) {
        if (report == null || report.isBlank()) {
            throw new IllegalArgumentException(Messages.Step_Required("report"));
        }
        this.report = report;
    }

    public String getReport() {
        return report;
    }

    public Long getMaxExclusiveMs() {
        return maxExclusiveMs;
    }

    /** Longest a lock that blocks writes may be held; default: the global setting, else 200. */
    @DataBoundSetter
    public void setMaxExclusiveMs(Long v) {
        this.maxExclusiveMs = nonNegative(v, "maxExclusiveMs");
    }

    public Long getMaxReadBlockMs() {
        return maxReadBlockMs;
    }

    @DataBoundSetter
    public void setMaxReadBlockMs(Long v) {
        this.maxReadBlockMs = nonNegative(v, "maxReadBlockMs");
    }

    public Long getMaxBlockedMs() {
        return maxBlockedMs;
    }

    /** Longest a probe's read or write may wait; default: the global setting (0: no limit). */
    @DataBoundSetter
    public void setMaxBlockedMs(Long v) {
        this.maxBlockedMs = nonNegative(v, "maxBlockedMs");
    }

    public Long getMaxStatementMs() {
        return maxStatementMs;
    }

    @DataBoundSetter
    public void setMaxStatementMs(Long v) {
        this.maxStatementMs = nonNegative(v, "maxStatementMs");
    }

    public Long getMaxTotalMs() {
        return maxTotalMs;
    }

    @DataBoundSetter
    public void setMaxTotalMs(Long v) {
        this.maxTotalMs = nonNegative(v, "maxTotalMs");
    }

    public String getOnBreach() {
        return onBreach;
    }

    /** FAILURE (default) or UNSTABLE. */
    @DataBoundSetter
    public void setOnBreach(String onBreach) {
        StageResult.parse(onBreach, "onBreach");
        this.onBreach = onBreach;
    }

    private static Long nonNegative(Long v, String parameter) {
        if (v != null && v < 0) {
            throw new IllegalArgumentException(Messages.Step_NotNegative(parameter));
        }
        return v;
    }

    /** The budget in force: the engine's defaults, the global settings, then this step's arguments. */
    LockBudget budget(long globalMaxWriteBlockingMs, long globalMaxBlockedMs) {
        LockBudget b = LockBudget.defaults().withMaxWriteBlockingMs(globalMaxWriteBlockingMs);
        if (globalMaxBlockedMs > 0) {
            b = b.withMaxBlockedMs(globalMaxBlockedMs);
        }
        LockBudget own = LockBudget.none();
        if (maxExclusiveMs != null) {
            own = own.withMaxWriteBlockingMs(maxExclusiveMs);
        }
        if (maxReadBlockMs != null) {
            own = own.withMaxReadBlockingMs(maxReadBlockMs);
        }
        if (maxBlockedMs != null) {
            own = own.withMaxBlockedMs(maxBlockedMs);
        }
        if (maxStatementMs != null) {
            own = own.withMaxStatementMs(maxStatementMs);
        }
        if (maxTotalMs != null) {
            own = own.withMaxTotalMs(maxTotalMs);
        }
        return b.overriddenBy(own);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;
        private final transient AssertLockBudgetStep step;

        Execution(AssertLockBudgetStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            FilePath workspace = getContext().get(FilePath.class);
            TaskListener listener = getContext().get(TaskListener.class);
            Run<?, ?> run = getContext().get(Run.class);
            FlowNode node = getContext().get(FlowNode.class);
            MigrationDeliveryConfiguration global = MigrationDeliveryConfiguration.get();
            Verdict v = workspace.act(new EvaluateOnAgent(step, global.getMaxWriteBlockingMs(), global.getMaxBlockedMs()));
            for (String line : v.lines) {
                listener.getLogger().println(line);
            }
            if (!v.passed) {
                StageResult.mark(run, node, listener, StageResult.parse(step.onBreach, "onBreach"), v.headline);
            } else {
                listener.getLogger().println(v.headline);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("passed", v.passed);
            m.put("breaches", new ArrayList<>(v.lines));
            return m;
        }
    }

    /** The verdict from the agent: plain strings. */
    static final class Verdict implements Serializable {
        private static final long serialVersionUID = 1L;
        final boolean passed;
        final String headline;
        final ArrayList<String> lines;

        Verdict(boolean passed, String headline, ArrayList<String> lines) {
            this.passed = passed;
            this.headline = headline;
            this.lines = lines;
        }
    }

    /** Only plain values cross the channel; the engine's budget is built on the agent. */
    private static final class EvaluateOnAgent extends MasterToSlaveFileCallable<Verdict> {
        private static final long serialVersionUID = 1L;
        private final AssertLockBudgetStep step;
        private final long globalMaxWriteBlockingMs;
        private final long globalMaxBlockedMs;

        EvaluateOnAgent(AssertLockBudgetStep step, long globalMaxWriteBlockingMs, long globalMaxBlockedMs) {
            this.step = step;
            this.globalMaxWriteBlockingMs = globalMaxWriteBlockingMs;
            this.globalMaxBlockedMs = globalMaxBlockedMs;
        }

        @Override
        public Verdict invoke(File workspace, VirtualChannel channel) throws IOException {
            Path file = workspace.toPath().resolve(step.report);
            if (!Files.isRegularFile(file)) {
                throw new AbortException(Messages.AssertLockBudgetStep_NoReport(step.report));
            }
            LockBudget budget = step.budget(globalMaxWriteBlockingMs, globalMaxBlockedMs);
            try {
                DryRunJson.Document doc = DryRunJson.read(file);
                DryRunReport r = doc.report();
                List<Breach> breaches = BudgetCheck.evaluate(r, budget,
                        doc.lint().map(DryRunJson.LintSummary::findings).orElse(List.of()));
                ArrayList<String> lines = new ArrayList<>();
                for (Breach b : breaches) {
                    lines.add(b.oneLine());
                }
                if (r.outcome() == Outcome.FAILED) {
                    return new Verdict(false, "lock budget: the dry-run did not finish (" + r.failure()
                            + "); statements after it were not measured", lines);
                }
                String limits = SnapshotDryRun.limits(budget);
                return breaches.isEmpty()
                        ? new Verdict(true, "lock budget: passed (" + limits + ")", lines)
                        : new Verdict(false, "lock budget: " + breaches.size() + " breach(es) (" + limits + ")", lines);
            } catch (EngineException e) {
                throw new AbortException("assertLockBudget: " + e.oneLine());
            }
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "assertLockBudget";
        }

        @Override
        public String getDisplayName() {
            return Messages.AssertLockBudgetStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, Run.class, TaskListener.class, FlowNode.class);
        }
    }
}

package io.jenkins.plugins.migrationdelivery;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.budget.BudgetCheck;
import io.github.migrationdelivery.engine.budget.LockBudget;
import io.github.migrationdelivery.engine.config.ProjectConfig;
import io.github.migrationdelivery.engine.dryrun.DryRunReport;
import io.github.migrationdelivery.engine.dryrun.DryRunSettings;
import io.github.migrationdelivery.engine.dryrun.RollbackRehearsal;
import io.github.migrationdelivery.engine.dryrun.SnapshotDryRun;
import io.github.migrationdelivery.engine.dryrun.StatementRun;
import io.github.migrationdelivery.engine.lint.FailLevel;
import io.github.migrationdelivery.engine.lint.LintResult;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.ServerVersion;
import io.github.migrationdelivery.engine.report.DryRunJson;
import io.github.migrationdelivery.engine.snapshot.SnapshotOptions;
import io.github.migrationdelivery.engine.source.PlanReader;
import jenkins.MasterToSlaveFileCallable;
import jenkins.util.BuildListenerAdapter;
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
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code dryRunOnSnapshot(changelog: ..., snapshot: 'template:jdbc:postgresql://...')}: applies the
 * plan to a throw-away snapshot on the agent and measures, per statement, the locks taken, the
 * rewrites and how long probe traffic was blocked. Archives the JSON and HTML reports, adds a
 * build action with the lock timeline and returns a Map of the measured numbers. The budget
 * options stop the run at the first statement over budget, as {@code dry-run --budget-exclusive-ms}.
 */
public class DryRunOnSnapshotStep extends Step implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String changelog;
    private final String snapshot;
    private String credentialsId = "";
    private String config = "";
    private String seed = "";
    private Long maxExclusiveMs;
    private boolean rehearseRollback = true;
    private String reportDir = "migration-delivery";

    @DataBoundConstructor
    public DryRunOnSnapshotStep(String changelog, String snapshot) {
        if (changelog == null || changelog.isBlank()) {
            throw new IllegalArgumentException(Messages.Step_Required("changelog"));
        }
        if (snapshot == null || snapshot.isBlank()) {
            throw new IllegalArgumentException(Messages.Step_Required("snapshot"));
        }
        this.changelog = changelog;
        this.snapshot = snapshot.trim();
    }

    public String getChangelog() {
        return changelog;
    }

    public String getSnapshot() {
        return snapshot;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** A username/password credential for the snapshot's server; default: none (trust, or the URL's user). */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Arguments.trim(credentialsId);
    }

    public String getConfig() {
        return config;
    }

    @DataBoundSetter
    public void setConfig(String config) {
        this.config = Arguments.trim(config);
    }

    public String getSeed() {
        return seed;
    }

    /** A SQL script run into the fresh snapshot before the plan (test data); default: none. */
    @DataBoundSetter
    public void setSeed(String seed) {
        this.seed = Arguments.trim(seed);
    }

    public Long getMaxExclusiveMs() {
        return maxExclusiveMs;
    }

    /** Stop at the first statement holding a write-blocking lock longer than this; default: run everything. */
    @DataBoundSetter
    public void setMaxExclusiveMs(Long maxExclusiveMs) {
        if (maxExclusiveMs != null && maxExclusiveMs < 0) {
            throw new IllegalArgumentException(Messages.Step_NotNegative("maxExclusiveMs"));
        }
        this.maxExclusiveMs = maxExclusiveMs;
    }

    public boolean isRehearseRollback() {
        return rehearseRollback;
    }

    @DataBoundSetter
    public void setRehearseRollback(boolean rehearseRollback) {
        this.rehearseRollback = rehearseRollback;
    }

    public String getReportDir() {
        return reportDir;
    }

    @DataBoundSetter
    public void setReportDir(String reportDir) {
        this.reportDir = Arguments.trim(reportDir).isEmpty() ? "migration-delivery" : Arguments.trim(reportDir);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;
        private final transient DryRunOnSnapshotStep step;

        Execution(DryRunOnSnapshotStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            FilePath workspace = getContext().get(FilePath.class);
            TaskListener listener = getContext().get(TaskListener.class);
            Run<?, ?> run = getContext().get(Run.class);
            FlowNode node = getContext().get(FlowNode.class);
            Launcher launcher = getContext().get(Launcher.class);
            DatabaseLogin login = DatabaseLogin.resolve(step.credentialsId, run);
            MigrationDeliveryConfiguration global = MigrationDeliveryConfiguration.get();
            DryRunOutcome outcome = workspace.act(new DryRunOnAgent(step, login, global.getProductionUrl(),
                    global.getMaxWriteBlockingMs(), listener));
            Map<String, String> archive = new LinkedHashMap<>();
            archive.put(outcome.reportPath, outcome.reportPath);
            archive.put(outcome.htmlPath, outcome.htmlPath);
            run.pickArtifactManager().archive(workspace, launcher, BuildListenerAdapter.wrap(listener), archive);
            run.addAction(new DryRunAction(step.changelog, outcome.summary, outcome.statements, outcome.reportPath,
                    outcome.htmlPath));
            listener.getLogger().println(outcome.summary);
            if (outcome.failure != null) {
                throw new AbortException(outcome.failure);
            }
            if (outcome.overBudget || outcome.rehearsalFailed) {
                StageResult.mark(run, node, listener, Result.FAILURE, outcome.overBudget
                        ? Messages.DryRunOnSnapshotStep_OverBudget() : Messages.DryRunOnSnapshotStep_RehearsalFailed());
            }
            return outcome.toMap();
        }
    }

    /** The measured numbers that come back from the agent; plain values only. */
    static final class DryRunOutcome implements Serializable {
        private static final long serialVersionUID = 1L;
        String summary;
        String failure;
        boolean overBudget;
        boolean rehearsalFailed;
        String rollback;
        long totalMs;
        long maxWriteBlockingMs;
        long maxReadBlockingMs;
        long maxBlockedMs;
        int rewrites;
        String reportPath;
        String htmlPath;
        ArrayList<DryRunAction.Row> statements = new ArrayList<>();

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("totalMs", totalMs);
            m.put("maxWriteBlockingMs", maxWriteBlockingMs);
            m.put("maxReadBlockingMs", maxReadBlockingMs);
            m.put("maxBlockedMs", maxBlockedMs);
            m.put("rewrites", rewrites);
            m.put("statements", statements.size());
            m.put("rollbackRehearsal", rollback);
            m.put("overBudget", overBudget);
            m.put("reportPath", reportPath);
            m.put("htmlPath", htmlPath);
            return m;
        }
    }

    /** Runs on the agent: the same session as the CLI's {@code dry-run}, with progress in the build log. */
    private static final class DryRunOnAgent extends MasterToSlaveFileCallable<DryRunOutcome> {
        private static final long serialVersionUID = 1L;
        private final DryRunOnSnapshotStep step;
        private final DatabaseLogin login;
        private final String productionUrl;
        private final long defaultMaxWriteBlockingMs;
        private final TaskListener listener;

        DryRunOnAgent(DryRunOnSnapshotStep step, DatabaseLogin login, String productionUrl,
                      long defaultMaxWriteBlockingMs, TaskListener listener) {
            this.step = step;
            this.login = login;
            this.productionUrl = productionUrl;
            this.defaultMaxWriteBlockingMs = defaultMaxWriteBlockingMs;
            this.listener = listener;
        }

        @Override
        public DryRunOutcome invoke(File workspace, VirtualChannel channel) throws IOException {
            Path ws = workspace.toPath();
            PrintStream log = listener.getLogger();
            PrintWriter logWriter = new PrintWriter(new OutputStreamWriter(log, StandardCharsets.UTF_8), true);
            try {
                ProjectConfig project = Arguments.project(ws, step.config);
                Dialect d = project.dialect().orElse(Dialect.POSTGRESQL);
                ServerVersion version = project.serverVersion().orElse(d.defaultVersion());
                Plan plan = new PlanReader(d, version, Set.of(), Set.of()).read(List.of(ws.resolve(step.changelog)));
                LintResult lint = project.lint(plan, version, project.failOn().orElse(FailLevel.ERROR));
                SnapshotOptions options = SnapshotOptions.of(login.environment());
                String production = project.productionUrl().orElse(productionUrl);
                if (!production.isEmpty()) {
                    options = options.withProductionUrl(production);
                }
                DryRunSettings settings = DryRunSettings.of(project.dryRun(), null, "dryRun.probeIntervalMs",
                        step.rehearseRollback);
                Optional<LockBudget> budget = Optional.empty();
                if (step.maxExclusiveMs != null) {
                    LockBudget b = LockBudget.defaults().withMaxWriteBlockingMs(defaultMaxWriteBlockingMs)
                            .overriddenBy(project.budget()).withMaxWriteBlockingMs(step.maxExclusiveMs);
                    budget = Optional.of(b);
                    settings = settings.withStopOnBudget(b);
                }
                DryRunReport report = SnapshotDryRun.run(step.snapshot, plan, options, settings,
                        step.seed.isEmpty() ? Optional.empty() : Optional.of(ws.resolve(step.seed)), logWriter);
                Optional<DryRunJson.BudgetVerdict> verdict = budget.map(b ->
                        new DryRunJson.BudgetVerdict(b, BudgetCheck.evaluate(report, b, Optional.of(lint))));
                DryRunOutcome o = new DryRunOutcome();
                o.reportPath = step.reportDir + "/dry-run.json";
                o.htmlPath = step.reportDir + "/dry-run.html";
                SnapshotDryRun.writeReports(SnapshotDryRun.document(report, verdict, Optional.of(lint)),
                        ws.resolve(o.reportPath), ws.resolve(o.htmlPath), logWriter);
                o.summary = SnapshotDryRun.summary(report);
                o.failure = report.failureKind().isPresent() ? login.mask("dryRunOnSnapshot: " + report.failure()) : null;
                o.overBudget = verdict.map(v -> !v.passed()).orElse(false);
                RollbackRehearsal rb = report.rollback();
                o.rollback = rb == null ? "skipped" : rb.status().id();
                o.rehearsalFailed = rb != null && rb.status() == RollbackRehearsal.Status.FAILED;
                o.totalMs = report.totalMs();
                for (StatementRun s : report.statements()) {
                    o.maxWriteBlockingMs = Math.max(o.maxWriteBlockingMs, s.writeBlockingHeldMs());
                    o.maxReadBlockingMs = Math.max(o.maxReadBlockingMs, s.readBlockingHeldMs());
                    o.maxBlockedMs = Math.max(o.maxBlockedMs, s.maxBlockedMs());
                    o.rewrites += s.rewrittenTables().isEmpty() ? 0 : 1;
                    o.statements.add(new DryRunAction.Row(s.position().toString(),
                            io.github.migrationdelivery.engine.dryrun.ProgressPrinter.statementLine(s.statement()),
                            s.strongestLock(), s.startedAtMs(), s.durationMs(), s.writeBlockingHeldMs(),
                            s.maxBlockedMs(), !s.rewrittenTables().isEmpty()));
                }
                return o;
            } catch (EngineException e) {
                throw new AbortException(login.mask("dryRunOnSnapshot: " + e.oneLine()));
            } finally {
                logWriter.flush();
            }
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "dryRunOnSnapshot";
        }

        @Override
        public String getDisplayName() {
            return Messages.DryRunOnSnapshotStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, Launcher.class, Run.class, TaskListener.class, FlowNode.class);
        }
    }
}

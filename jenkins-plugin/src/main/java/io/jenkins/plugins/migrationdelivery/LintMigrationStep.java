package io.jenkins.plugins.migrationdelivery;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.config.ProjectConfig;
import io.github.migrationdelivery.engine.lint.FailLevel;
import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.LintResult;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.ServerVersion;
import io.github.migrationdelivery.engine.report.LintFormat;
import io.github.migrationdelivery.engine.source.PlanReader;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code lintMigration(changelog: 'db/changelog.xml')}: the engine's lint on the agent. Writes
 * SARIF, JUnit and JSON reports into the workspace for {@code recordIssues} and {@code junit},
 * attaches the findings to the build and returns a Map
 * ({@code findings, classification, blocking, failed, reportPath, sarifPath, junitPath}).
 */
public class LintMigrationStep extends Step implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String changelog;
    private String dialect = "";
    private String serverVersion = "";
    private String failOn = "";
    private String config = "";
    private String reportDir = "migration-delivery";

    @DataBoundConstructor
    public LintMigrationStep(String changelog) {
        if (changelog == null || changelog.isBlank()) {
            throw new IllegalArgumentException(Messages.Step_Required("changelog"));
        }
        this.changelog = changelog;
    }

    public String getChangelog() {
        return changelog;
    }

    public String getDialect() {
        return dialect;
    }

    /** postgresql, mariadb or mysql; default: the config file's, else postgresql. */
    @DataBoundSetter
    public void setDialect(String dialect) {
        this.dialect = Arguments.trim(dialect);
    }

    public String getServerVersion() {
        return serverVersion;
    }

    /** The production server's version (15, 10.11); default: the config file's, else the dialect's. */
    @DataBoundSetter
    public void setServerVersion(String serverVersion) {
        this.serverVersion = Arguments.trim(serverVersion);
    }

    public String getFailOn() {
        return failOn;
    }

    /** error, warning or never; default: the config file's, else error. */
    @DataBoundSetter
    public void setFailOn(String failOn) {
        this.failOn = Arguments.trim(failOn);
    }

    public String getConfig() {
        return config;
    }

    /** The configuration file; default: .migration-delivery.yml in the workspace when present. */
    @DataBoundSetter
    public void setConfig(String config) {
        this.config = Arguments.trim(config);
    }

    public String getReportDir() {
        return reportDir;
    }

    /** Workspace folder the reports go to; default migration-delivery. */
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
        private final transient LintMigrationStep step;

        Execution(LintMigrationStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            FilePath workspace = getContext().get(FilePath.class);
            TaskListener listener = getContext().get(TaskListener.class);
            Run<?, ?> run = getContext().get(Run.class);
            FlowNode node = getContext().get(FlowNode.class);
            LintOutcome outcome = workspace.act(new LintOnAgent(step));
            listener.getLogger().println(outcome.summary);
            run.addAction(new LintAction(step.changelog, outcome.summary, outcome.classification, outcome.findings));
            if (outcome.failed) {
                StageResult.mark(run, node, listener, Result.FAILURE, outcome.summary);
                throw new AbortException(Messages.LintMigrationStep_Failed(step.changelog, outcome.reportPath));
            }
            return outcome.toMap();
        }
    }

    /** What crosses back from the agent: plain values only. */
    static final class LintOutcome implements Serializable {
        private static final long serialVersionUID = 1L;
        final String summary;
        final String classification;
        final boolean blocking;
        final boolean failed;
        final String reportPath;
        final String sarifPath;
        final String junitPath;
        final ArrayList<HashMap<String, Object>> findings;

        LintOutcome(LintResult result, String reportPath, String sarifPath, String junitPath) {
            this.summary = result.summary();
            this.classification = result.changeClass().id();
            this.blocking = result.blocking();
            this.failed = result.failed();
            this.reportPath = reportPath;
            this.sarifPath = sarifPath;
            this.junitPath = junitPath;
            this.findings = new ArrayList<>();
            for (Finding f : result.findings()) {
                HashMap<String, Object> m = new LinkedHashMap<>();
                m.put("rule", f.ruleId());
                m.put("severity", f.severity().name().toLowerCase(java.util.Locale.ROOT));
                m.put("file", f.position().file().toString());
                m.put("line", f.position().line());
                m.put("message", f.message());
                findings.add(m);
            }
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("findings", new ArrayList<>(findings));
            m.put("classification", classification);
            m.put("blocking", blocking);
            m.put("failed", failed);
            m.put("reportPath", reportPath);
            m.put("sarifPath", sarifPath);
            m.put("junitPath", junitPath);
            return m;
        }
    }

    /** Runs on the agent: read the plan, lint it, write the three reports. */
    private static final class LintOnAgent extends MasterToSlaveFileCallable<LintOutcome> {
        private static final long serialVersionUID = 1L;
        private final LintMigrationStep step;

        LintOnAgent(LintMigrationStep step) {
            this.step = step;
        }

        @Override
        public LintOutcome invoke(File workspace, VirtualChannel channel) throws IOException {
            Path ws = workspace.toPath();
            try {
                ProjectConfig project = Arguments.project(ws, step.config);
                Dialect d = step.dialect.isEmpty() ? project.dialect().orElse(Dialect.POSTGRESQL)
                        : Dialect.parse(step.dialect, "dialect");
                ServerVersion version = step.serverVersion.isEmpty() ? project.serverVersion().orElse(d.defaultVersion())
                        : ServerVersion.parse(step.serverVersion);
                FailLevel level = step.failOn.isEmpty() ? project.failOn().orElse(FailLevel.ERROR)
                        : FailLevel.parse(step.failOn, "failOn");
                Plan plan = new PlanReader(d, version, Set.of(), Set.of()).read(List.of(ws.resolve(step.changelog)));
                LintResult result = project.lint(plan, version, level);
                String json = step.reportDir + "/lint.json";
                String sarif = step.reportDir + "/lint.sarif";
                String junit = step.reportDir + "/lint-junit.xml";
                LintFormat.JSON.write(result, ws.resolve(json));
                LintFormat.SARIF.write(result, ws.resolve(sarif));
                LintFormat.JUNIT.write(result, ws.resolve(junit));
                return new LintOutcome(result, json, sarif, junit);
            } catch (EngineException e) {
                // One line naming the file and setting; the engine's types do not cross the channel.
                throw new AbortException("lintMigration: " + e.oneLine());
            }
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "lintMigration";
        }

        @Override
        public String getDisplayName() {
            return Messages.LintMigrationStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, Run.class, TaskListener.class, FlowNode.class);
        }
    }
}

package io.jenkins.plugins.migrationdelivery;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.backup.Backup;
import io.github.migrationdelivery.engine.backup.BackupManifest;
import io.github.migrationdelivery.engine.backup.BackupSettings;
import io.github.migrationdelivery.engine.config.ProjectConfig;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.ServerVersion;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;
import io.github.migrationdelivery.engine.snapshot.Credentials;
import io.github.migrationdelivery.engine.snapshot.SnapshotOptions;
import io.github.migrationdelivery.engine.source.PlanReader;
import jenkins.MasterToSlaveFileCallable;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code backupBeforeDestructive(changelog: ..., target: ..., credentialsId: ...) { migrate }}: when
 * the plan can destroy data, takes and verifies a backup of exactly what it can destroy on the agent
 * (the engine's {@code backup}), records the manifest on the build and only then runs the body; a
 * backup that fails stops the build before the body. A plan that destroys nothing says so and runs
 * the body.
 */
public class BackupBeforeDestructiveStep extends Step implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String changelog;
    private final String target;
    private String credentialsId = "";
    private String out = ".migration-delivery/backups";
    private boolean verifyRestore;
    private boolean wholeDatabase;
    private String config = "";

    @DataBoundConstructor
    public BackupBeforeDestructiveStep(String changelog, String target) {
        if (changelog == null || changelog.isBlank()) {
            throw new IllegalArgumentException(Messages.Step_Required("changelog"));
        }
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException(Messages.Step_Required("target"));
        }
        this.changelog = changelog;
        this.target = target.trim();
    }

    public String getChangelog() {
        return changelog;
    }

    public String getTarget() {
        return target;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Arguments.trim(credentialsId);
    }

    public String getOut() {
        return out;
    }

    /** Workspace folder of the backups (each in its own subfolder with its manifest); default .migration-delivery/backups. */
    @DataBoundSetter
    public void setOut(String out) {
        this.out = Arguments.trim(out).isEmpty() ? ".migration-delivery/backups" : Arguments.trim(out);
    }

    public boolean isVerifyRestore() {
        return verifyRestore;
    }

    /** Also restore the backup into a throw-away database and compare row counts; default false. */
    @DataBoundSetter
    public void setVerifyRestore(boolean verifyRestore) {
        this.verifyRestore = verifyRestore;
    }

    public boolean isWholeDatabase() {
        return wholeDatabase;
    }

    /** Back up the whole database instead of the tables the plan can destroy; default false. */
    @DataBoundSetter
    public void setWholeDatabase(boolean wholeDatabase) {
        this.wholeDatabase = wholeDatabase;
    }

    public String getConfig() {
        return config;
    }

    @DataBoundSetter
    public void setConfig(String config) {
        this.config = Arguments.trim(config);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    private static final class Execution extends GeneralNonBlockingStepExecution {

        private static final long serialVersionUID = 1L;
        private final transient BackupBeforeDestructiveStep step;

        Execution(BackupBeforeDestructiveStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        public boolean start() throws Exception {
            run(this::backupThenBody);
            return false;
        }

        private void backupThenBody() throws Exception {
            FilePath workspace = getContext().get(FilePath.class);
            TaskListener listener = getContext().get(TaskListener.class);
            Run<?, ?> run = getContext().get(Run.class);
            DatabaseLogin login = DatabaseLogin.resolve(step.credentialsId, run);
            BackupOutcome outcome = workspace.act(new BackupOnAgent(step, login));
            listener.getLogger().println(outcome.summary);
            if (outcome.manifestId != null) {
                run.addAction(new BackupAction(step.changelog, outcome.summary, outcome.manifestId, outcome.manifestPath));
            }
            getContext().newBodyInvoker().withCallback(BodyExecutionCallback.wrap(getContext())).start();
        }
    }

    /** What the agent reports back: plain strings. */
    static final class BackupOutcome implements Serializable {
        private static final long serialVersionUID = 1L;
        final String summary;
        final String manifestId;
        final String manifestPath;

        BackupOutcome(String summary, String manifestId, String manifestPath) {
            this.summary = summary;
            this.manifestId = manifestId;
            this.manifestPath = manifestPath;
        }
    }

    private static final class BackupOnAgent extends MasterToSlaveFileCallable<BackupOutcome> {
        private static final long serialVersionUID = 1L;
        private final BackupBeforeDestructiveStep step;
        private final DatabaseLogin login;

        BackupOnAgent(BackupBeforeDestructiveStep step, DatabaseLogin login) {
            this.step = step;
            this.login = login;
        }

        @Override
        public BackupOutcome invoke(File workspace, VirtualChannel channel) throws IOException {
            Path ws = workspace.toPath();
            try {
                ProjectConfig project = Arguments.project(ws, step.config);
                ConnectionSpec database = Credentials.resolve(step.target, SnapshotOptions.of(login.environment()));
                Dialect d = project.dialect().orElse(database.dialect());
                ServerVersion version = project.serverVersion().orElse(d.defaultVersion());
                Plan plan = new PlanReader(d, version, Set.of(), Set.of()).read(List.of(ws.resolve(step.changelog)));
                BackupSettings settings = BackupSettings.in(ws.resolve(step.out))
                        .withWholeDatabase(step.wholeDatabase).withVerifyRestore(step.verifyRestore)
                        .withPgDump(project.backup().pgDump()).withPgRestore(project.backup().pgRestore());
                Optional<Backup.Taken> taken = new Backup(settings).take(plan, database);
                if (taken.isEmpty()) {
                    return new BackupOutcome(Messages.BackupBeforeDestructiveStep_NotNeeded(step.changelog), null, null);
                }
                BackupManifest m = taken.get().manifest();
                String manifest = ws.relativize(taken.get().manifestFile()).toString();
                return new BackupOutcome(Messages.BackupBeforeDestructiveStep_Taken(m.id(), manifest), m.id(), manifest);
            } catch (EngineException e) {
                // The body must not run: a one-line stop, with any echo of the password masked.
                throw new AbortException(login.mask("backupBeforeDestructive: " + e.oneLine()));
            }
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "backupBeforeDestructive";
        }

        @Override
        public String getDisplayName() {
            return Messages.BackupBeforeDestructiveStep_DisplayName();
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, Run.class, TaskListener.class);
        }
    }
}

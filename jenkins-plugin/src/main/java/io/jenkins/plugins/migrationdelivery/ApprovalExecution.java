package io.jenkins.plugins.migrationdelivery;

import hudson.FilePath;
import hudson.model.Cause;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.User;
import hudson.scm.ChangeLogSet;
import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.approval.ApprovalDecision;
import io.github.migrationdelivery.engine.approval.ApprovalPolicy;
import io.github.migrationdelivery.engine.approval.ApprovalRequest;
import io.github.migrationdelivery.engine.approval.Approvals;
import io.github.migrationdelivery.engine.approval.AuditEntry;
import io.github.migrationdelivery.engine.approval.AuditLog;
import io.github.migrationdelivery.engine.approval.RequestJson;
import io.github.migrationdelivery.engine.lint.ChangeClass;
import jenkins.model.CauseOfInterruption;
import jenkins.model.Jenkins;
import jenkins.scm.RunWithSCM;
import jenkins.util.Timer;
import jenkins.util.VirtualFile;
import org.jenkinsci.plugins.workflow.actions.LabelAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.support.actions.PauseAction;
import org.jenkinsci.plugins.workflow.support.steps.input.Rejection;
import org.springframework.security.core.GrantedAuthority;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The wait of {@code awaitHumanApproval}: asynchronous like {@code input} ({@link #start()} returns
 * false, nothing holds an executor), settled from {@link ApprovalAction}'s POST endpoints. All its
 * state is serializable, so a controller restart resumes the wait ({@link #onResume()} re-arms
 * the timeout). The policy decisions are the engine's ({@link Approvals}); this class only maps
 * Jenkins identities and outcomes onto them.
 */
public class ApprovalExecution extends StepExecution {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(ApprovalExecution.class.getName());

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String plan;
    private final String extraApprovers;
    private final long timeoutMillis;
    private long deadline;
    /** The request as filed, kept in the build directory: the evidence approvers saw. */
    private String requestFile;
    private boolean settled;
    private transient ScheduledFuture<?> timer;

    ApprovalExecution(AwaitHumanApprovalStep step, StepContext context) {
        super(context);
        this.plan = step.getPlan();
        this.extraApprovers = step.getApprovers();
        this.timeoutMillis = step.timeoutMillis();
    }

    public String getId() {
        return id;
    }

    @Override
    public boolean start() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        FlowNode node = getContext().get(FlowNode.class);
        File copy = keepRequest(run);
        requestFile = copy.getAbsolutePath();
        ApprovalRequest.Filed request = filed();
        deadline = System.currentTimeMillis() + timeoutMillis;
        ApprovalAction action = ApprovalAction.of(run);
        action.add(id, request, Files.readString(copy.toPath()));
        run.save();
        node.addAction(new PauseAction("Approval"));
        node.addAction(new LabelAction(Messages.AwaitHumanApprovalStep_Waiting()));
        listener.getLogger().println(Messages.AwaitHumanApprovalStep_Requested(request.classification(),
                request.planChecksum(), request.target(), required(request),
                Jenkins.get().getRootUrl() == null ? run.getUrl() + action.getUrlName() + "/"
                        : Jenkins.get().getRootUrl() + run.getUrl() + action.getUrlName() + "/"));
        armTimer();
        return false;
    }

    /** Copies the request into the build directory, from the workspace inside node, else from the artifacts. */
    private File keepRequest(Run<?, ?> run) throws IOException, InterruptedException {
        File dir = new File(run.getRootDir(), "migration-delivery");
        Files.createDirectories(dir.toPath());
        File copy = new File(dir, "approval-request-" + id + ".json");
        FilePath workspace = getContext().get(FilePath.class);
        if (workspace != null && workspace.child(plan).exists()) {
            workspace.child(plan).copyTo(new FilePath(copy));
            return copy;
        }
        VirtualFile artifact = run.getArtifactManager().root().child(plan);
        if (!artifact.isFile()) {
            throw new hudson.AbortException(Messages.AwaitHumanApprovalStep_NoRequest(plan));
        }
        try (InputStream in = artifact.open()) {
            Files.copy(in, copy.toPath(), StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    private ApprovalRequest.Filed filed() throws hudson.AbortException {
        try {
            return RequestJson.read(new File(requestFile).toPath());
        } catch (EngineException e) {
            throw new hudson.AbortException("awaitHumanApproval: " + e.oneLine());
        }
    }

    ApprovalPolicy policy() throws hudson.AbortException {
        MigrationDeliveryConfiguration global = MigrationDeliveryConfiguration.get();
        return Policies.of(global.getApprovalPolicy(), extraApprovers, global.auditLogFile().toPath());
    }

    int required(ApprovalRequest.Filed request) throws hudson.AbortException {
        return policy().required(ChangeClass.parse(request.classification(), "classification"));
    }

    /** The build's commit authors and the user who started it: none of them may approve. */
    private List<String> authors(Run<?, ?> run) {
        Set<String> authors = new LinkedHashSet<>();
        if (run instanceof RunWithSCM) {
            for (ChangeLogSet<? extends ChangeLogSet.Entry> set : ((RunWithSCM<?, ?>) run).getChangeSets()) {
                for (ChangeLogSet.Entry e : set) {
                    authors.add(e.getAuthor().getId());
                }
            }
        }
        for (Cause c : run.getCauses()) {
            if (c instanceof Cause.UserIdCause && ((Cause.UserIdCause) c).getUserId() != null) {
                authors.add(((Cause.UserIdCause) c).getUserId());
            }
        }
        return new ArrayList<>(authors);
    }

    /**
     * One person's decision from the page. Approvals are recorded until the policy's count for the
     * plan's risk class is reached; a rejection ends the wait at once. Refusals (self-approval, a
     * bot, not an approver) come back as the engine's one-line reason and change nothing.
     */
    synchronized String decide(AuditEntry.Decision decision, String reason) throws IOException, InterruptedException {
        if (settled) {
            return Messages.AwaitHumanApprovalStep_AlreadySettled();
        }
        User user = User.current();
        if (user == null) {
            return Messages.AwaitHumanApprovalStep_Anonymous();
        }
        Run<?, ?> run = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        ApprovalRequest.Filed request = filed();
        ApprovalPolicy policy = policy();
        AuditLog log = AuditLog.open(policy.auditLog());
        List<String> groups = new ArrayList<>();
        for (GrantedAuthority a : Jenkins.getAuthentication2().getAuthorities()) {
            groups.add(a.getAuthority());
        }
        try {
            Approvals.record(policy, log, request, request.planChecksum(), authors(run),
                    new Approvals.Vote(user.getId(), groups, decision, reason), Instant.now());
        } catch (EngineException refused) {
            listener.getLogger().println("awaitHumanApproval: " + user.getId() + ": " + refused.oneLine());
            return refused.oneLine();
        }
        ApprovalAction.of(run).recordDecision(id, user.getId(), decision, reason);
        run.save();
        if (decision == AuditEntry.Decision.REJECT) {
            listener.getLogger().println(Messages.AwaitHumanApprovalStep_Rejected(user.getId(), reason));
            finish(run, new FlowInterruptedException(Result.ABORTED, true, new Rejection(user)));
            return null;
        }
        listener.getLogger().println(Messages.AwaitHumanApprovalStep_Approved(user.getId(), reason));
        try {
            ApprovalDecision done = Approvals.check(policy, log, request.planChecksum(),
                    ChangeClass.parse(request.classification(), "classification"), request.target());
            settled = true;
            cancelTimer();
            ApprovalAction.of(run).settle(id);
            endPause();
            run.save();
            getContext().onSuccess(String.join(",", done.approvers()));
        } catch (EngineException notYet) {
            listener.getLogger().println("awaitHumanApproval: " + notYet.oneLine());
        }
        return null;
    }

    private void finish(Run<?, ?> run, Throwable why) throws IOException, InterruptedException {
        settled = true;
        cancelTimer();
        ApprovalAction.of(run).settle(id);
        endPause();
        run.save();
        getContext().onFailure(why);
    }

    private void endPause() {
        try {
            FlowNode node = getContext().get(FlowNode.class);
            if (node != null) {
                PauseAction.endCurrentPause(node);
            }
        } catch (IOException | InterruptedException e) {
            LOGGER.log(Level.WARNING, "could not end the pause of approval " + id, e);
        }
    }

    private void armTimer() {
        long left = Math.max(0, deadline - System.currentTimeMillis());
        timer = Timer.get().schedule(this::timedOut, left, TimeUnit.MILLISECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private synchronized void timedOut() {
        if (settled) {
            return;
        }
        try {
            Run<?, ?> run = getContext().get(Run.class);
            getContext().get(TaskListener.class).getLogger().println(Messages.AwaitHumanApprovalStep_TimedOut());
            finish(run, new FlowInterruptedException(Result.ABORTED, true, new TimedOut()));
        } catch (IOException | InterruptedException e) {
            LOGGER.log(Level.WARNING, "could not time out approval " + id, e);
        }
    }

    @Override
    public void onResume() {
        if (!settled) {
            armTimer();
        }
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        synchronized (this) {
            settled = true;
        }
        cancelTimer();
        Run<?, ?> run = getContext().get(Run.class);
        ApprovalAction.of(run).settle(id);
        endPause();
        getContext().onFailure(cause);
    }

    @Override
    public String getStatus() {
        return settled ? "settled" : "waiting for approval " + id;
    }

    /** Why a build stopped at an approval that nobody gave in time. */
    public static final class TimedOut extends CauseOfInterruption {
        private static final long serialVersionUID = 1L;

        @Override
        public String getShortDescription() {
            return Messages.AwaitHumanApprovalStep_TimedOut();
        }
    }

    static Collection<String> split(String commaList) {
        return Arrays.stream(commaList.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}

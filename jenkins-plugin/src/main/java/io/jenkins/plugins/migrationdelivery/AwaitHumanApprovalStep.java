package io.jenkins.plugins.migrationdelivery;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

import java.io.Serializable;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code awaitHumanApproval(plan: 'migration-delivery/approval-request.json', approvers: 'dba-team')}:
 * pauses the build, without holding an executor, until enough distinct people allowed by the
 * engine's approval policy have approved exactly the plan in the request (the file written by
 * {@code migration-delivery approval request}), or one rejects it, or the timeout passes.
 * The build's authors and requester and bot accounts can never approve. Each decision is appended
 * to the tamper-evident audit log and recorded on the build; the step returns the approvers' ids.
 * Outside {@code node} the request is read from the build's archived artifacts, inside from the
 * workspace. Survives a controller restart.
 */
public class AwaitHumanApprovalStep extends Step implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String plan;
    private String approvers = "";
    private int timeout = 24;
    private String timeoutUnit = "HOURS";

    @DataBoundConstructor
    public AwaitHumanApprovalStep(String plan) {
        if (plan == null || plan.isBlank()) {
            throw new IllegalArgumentException(Messages.Step_Required("plan"));
        }
        this.plan = plan.trim();
    }

    public String getPlan() {
        return plan;
    }

    public String getApprovers() {
        return approvers;
    }

    /** Users and groups (comma-separated) who may approve, added to the policy's approvers. */
    @DataBoundSetter
    public void setApprovers(String approvers) {
        this.approvers = Arguments.trim(approvers);
    }

    public int getTimeout() {
        return timeout;
    }

    /** How long to wait before aborting the build; default 24 (hours). Waiting forever is not offered. */
    @DataBoundSetter
    public void setTimeout(int timeout) {
        if (timeout <= 0) {
            throw new IllegalArgumentException(Messages.AwaitHumanApprovalStep_BadTimeout());
        }
        this.timeout = timeout;
    }

    public String getTimeoutUnit() {
        return timeoutUnit;
    }

    /** MINUTES, HOURS or DAYS; default HOURS. */
    @DataBoundSetter
    public void setTimeoutUnit(String timeoutUnit) {
        unit(timeoutUnit);
        this.timeoutUnit = timeoutUnit;
    }

    long timeoutMillis() {
        return unit(timeoutUnit).toMillis(timeout);
    }

    private static TimeUnit unit(String value) {
        if ("MINUTES".equals(value) || "HOURS".equals(value) || "DAYS".equals(value)) {
            return TimeUnit.valueOf(value);
        }
        throw new IllegalArgumentException(Messages.AwaitHumanApprovalStep_BadTimeoutUnit(value));
    }

    @Override
    public StepExecution start(StepContext context) {
        return new ApprovalExecution(this, context);
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "awaitHumanApproval";
        }

        @Override
        public String getDisplayName() {
            return Messages.AwaitHumanApprovalStep_DisplayName();
        }

        /** No FilePath: the wait must not need (or hold) an executor. */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }
    }
}

package io.jenkins.plugins.migrationdelivery;

import hudson.model.Failure;
import hudson.model.Run;
import io.github.migrationdelivery.engine.approval.ApprovalRequest;
import io.github.migrationdelivery.engine.approval.AuditEntry;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.interceptor.RequirePOST;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The approvals of one build: the evidence of each request (risk class, plan checksum, target,
 * the risk brief), who decided what and why, and the Approve / Reject form of those still
 * waiting. Decisions are POST-only and go through {@link ApprovalExecution#decide}, which applies
 * the engine's policy: the page never decides who may approve.
 */
public class ApprovalAction extends BuildAction {

    /** One request and its decisions, stored with the build. */
    public static final class Request {
        private final String id;
        private final String classification;
        private final String planChecksum;
        private final String target;
        private final String requestJson;
        private final List<String> decisions = new ArrayList<>();
        private boolean open = true;

        Request(String id, String classification, String planChecksum, String target, String requestJson) {
            this.id = id;
            this.classification = classification;
            this.planChecksum = planChecksum;
            this.target = target;
            this.requestJson = requestJson;
        }

        public String getId() {
            return id;
        }

        public String getClassification() {
            return classification;
        }

        public String getPlanChecksum() {
            return planChecksum;
        }

        public String getTarget() {
            return target;
        }

        /** The request as filed, with the risk brief and the measured numbers. */
        public String getRequestJson() {
            return requestJson;
        }

        public List<String> getDecisions() {
            return new ArrayList<>(decisions);
        }

        public boolean isOpen() {
            return open;
        }
    }

    private final List<Request> requests = new ArrayList<>();

    static synchronized ApprovalAction of(Run<?, ?> run) {
        ApprovalAction a = run.getAction(ApprovalAction.class);
        if (a == null) {
            a = new ApprovalAction();
            run.addAction(a);
        }
        return a;
    }

    synchronized void add(String id, ApprovalRequest.Filed request, String requestJson) {
        requests.add(new Request(id, request.classification(), request.planChecksum(), request.target().id(), requestJson));
    }

    synchronized void recordDecision(String id, String user, AuditEntry.Decision decision, String reason) {
        find(id).decisions.add(Instant.now() + " " + user + " " + decision.id() + ": " + reason);
    }

    synchronized void settle(String id) {
        find(id).open = false;
    }

    public synchronized List<Request> getRequests() {
        return new ArrayList<>(requests);
    }

    private Request find(String id) {
        for (Request r : requests) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new Failure("no approval request " + id + " in this build");
    }

    @RequirePOST
    public HttpResponse doApprove(@QueryParameter String id, @QueryParameter String reason)
            throws IOException, InterruptedException {
        return decide(id, AuditEntry.Decision.APPROVE, reason);
    }

    @RequirePOST
    public HttpResponse doReject(@QueryParameter String id, @QueryParameter String reason)
            throws IOException, InterruptedException {
        return decide(id, AuditEntry.Decision.REJECT, reason);
    }

    private HttpResponse decide(String id, AuditEntry.Decision decision, String reason)
            throws IOException, InterruptedException {
        ApprovalExecution execution = execution(id);
        String refused = execution.decide(decision, reason == null ? "" : reason.trim());
        if (refused != null) {
            throw new Failure(refused);
        }
        return HttpResponses.redirectToDot();
    }

    /** The waiting step, found among the build's running steps as the input step finds its own. */
    private ApprovalExecution execution(String id) throws IOException, InterruptedException {
        if (!(getRun() instanceof FlowExecutionOwner.Executable)) {
            throw new Failure("not a Pipeline build");
        }
        FlowExecutionOwner owner = ((FlowExecutionOwner.Executable) getRun()).asFlowExecutionOwner();
        FlowExecution flow = owner == null ? null : owner.getOrNull();
        if (flow == null) {
            throw new Failure("the build is not running");
        }
        try {
            for (StepExecution e : flow.getCurrentExecutions(false).get()) {
                if (e instanceof ApprovalExecution && ((ApprovalExecution) e).getId().equals(id)) {
                    return (ApprovalExecution) e;
                }
            }
        } catch (ExecutionException e) {
            throw new IOException(e);
        }
        throw new Failure("approval " + id + " is no longer waiting");
    }

    @Override
    public String getIconFileName() {
        return "symbol-person";
    }

    @Override
    public String getDisplayName() {
        return Messages.ApprovalAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "migration-approval";
    }
}

package io.jenkins.plugins.migrationdelivery;

import hudson.AbortException;
import hudson.util.FormValidation;
import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.approval.ApprovalPolicy;
import io.github.migrationdelivery.engine.config.ConfigLoader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The approval policy of the global configuration, read by the engine's own parser. */
final class Policies {

    private static final String ORIGIN = "Manage Jenkins > Migration Delivery > approval policy";

    private Policies() {
    }

    /** The configured policy, the step's {@code approvers} added, decisions going to {@code auditLog}. */
    static ApprovalPolicy of(String text, String extraApprovers, Path auditLog) throws AbortException {
        ApprovalPolicy configured;
        try {
            configured = ConfigLoader.approvalPolicy(text == null ? "" : text, ORIGIN);
        } catch (EngineException e) {
            throw new AbortException("awaitHumanApproval: " + e.oneLine());
        }
        List<String> approvers = new ArrayList<>(configured.approvers());
        for (String a : ApprovalExecution.split(extraApprovers)) {
            // Like input's submitter: a name is a user id or a group (authority) of the security realm.
            approvers.add(a);
            approvers.add(ApprovalPolicy.GROUP_PREFIX + a);
        }
        return new ApprovalPolicy(approvers, configured.groups(), configured.required(), configured.botPatterns(), auditLog);
    }

    static FormValidation validate(String text) {
        try {
            ConfigLoader.approvalPolicy(text == null ? "" : text, ORIGIN);
            return FormValidation.ok();
        } catch (EngineException e) {
            return FormValidation.error(e.oneLine());
        }
    }
}

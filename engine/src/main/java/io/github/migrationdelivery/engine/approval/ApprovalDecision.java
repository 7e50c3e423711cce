package io.github.migrationdelivery.engine.approval;

import io.github.migrationdelivery.engine.lint.ChangeClass;

import java.util.List;

/**
 * A plan approved for a target: which approvals it needed and who gave them.
 *
 * @param approvers the distinct approvers whose latest decision is "approve", in the order they approved
 */
public record ApprovalDecision(String planChecksum, Target target, ChangeClass classification, int required,
                               List<String> approvers) {

    public ApprovalDecision {
        approvers = List.copyOf(approvers);
    }

    /** "destructive plan approved by alice, bob (2 of 2 required)". */
    public String summary() {
        return classification.id() + " plan " + (approvers.isEmpty() ? "needs no approval" : "approved by "
                + String.join(", ", approvers)) + " (" + approvers.size() + " of " + required + " required) for "
                + target;
    }
}

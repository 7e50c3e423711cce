package io.github.migrationdelivery.engine.approval;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.lint.ChangeClass;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The approval policy applied: recording a decision and checking that a plan is approved. The
 * CLI, the migrate command and the Jenkins step all decide here, so they cannot disagree.
 */
public final class Approvals {

    /**
     * A person's decision.
     *
     * @param groups the groups CI vouches the approver belongs to
     */
    public record Vote(String approver, Collection<String> groups, AuditEntry.Decision decision, String reason) {
        public Vote {
            groups = List.copyOf(groups);
        }
    }

    private Approvals() {
    }

    /**
     * Records a decision on a filed request, after checking that the plan at hand is the one in the
     * request and that the policy lets this person decide: NOT_APPROVED (with the rule that refused)
     * otherwise. The same decision twice by one person is refused: it would count once anyway.
     *
     * @param currentPlanChecksum the checksum of the plan read again now
     * @param moreAuthors         authors and requesters known now (CI), besides those in the request
     */
    public static AuditEntry record(ApprovalPolicy policy, AuditLog log, ApprovalRequest.Filed request,
                                    String currentPlanChecksum, Collection<String> moreAuthors, Vote vote, Instant now) {
        if (vote.reason() == null || vote.reason().isBlank()) {
            throw EngineException.badInput("--reason: say why (it is kept in the audit log)");
        }
        if (!request.planChecksum().equals(currentPlanChecksum)) {
            throw notApproved("the request is for plan " + request.planChecksum() + " but the plan at hand is "
                    + currentPlanChecksum + ": the plan changed since the request, so request approval again");
        }
        Set<String> authors = new TreeSet<>();
        request.authorsAndRequesters().forEach(a -> authors.add(ApprovalPolicy.identity(a)));
        moreAuthors.forEach(a -> authors.add(ApprovalPolicy.identity(a)));
        authors.remove("");
        String approver = ApprovalPolicy.identity(vote.approver());
        policy.refusal(approver, vote.groups(), authors).ifPresent(why -> {
            throw notApproved(why);
        });
        for (AuditEntry e : latestDecisions(log.entries(), request.planChecksum(), request.target()).values()) {
            if (e.approver().equals(approver) && e.decision() == vote.decision()) {
                throw notApproved(approver + " already " + (vote.decision() == AuditEntry.Decision.APPROVE ? "approved"
                        : "rejected") + " this plan for " + request.target() + " (audit log line " + e.line()
                        + "); the same person counts once");
            }
        }
        String grant = policy.grant(approver, vote.groups()).orElseThrow();
        return log.append(new AuditEntry(now, approver, vote.decision(), grant,
                vote.groups().stream().map(ApprovalPolicy::identity).sorted().toList(), List.copyOf(authors),
                request.planChecksum(), request.target(), request.classification(), request.sha256(), vote.reason().trim(), 0));
    }

    /**
     * Whether the plan with {@code planChecksum} is approved for {@code target}: the audit log must
     * be intact and hold, for exactly this checksum and target, at least as many distinct approvers
     * as the risk class needs, each still allowed by the policy now, and no standing rejection (a
     * person's latest decision counts). Throws NOT_APPROVED with one line saying what is missing.
     */
    public static ApprovalDecision check(ApprovalPolicy policy, AuditLog log, String planChecksum,
                                         ChangeClass classification, Target target) {
        List<AuditEntry> entries = log.entries();
        List<String> approvers = new ArrayList<>();
        for (AuditEntry e : latestDecisions(entries, planChecksum, target).values()) {
            if (policy.refusal(e.approver(), e.groups(), e.authors()).isPresent()) {
                continue; // no longer allowed by the policy: the decision does not count either way
            }
            if (e.decision() == AuditEntry.Decision.REJECT) {
                throw notApproved(classification.id() + " plan " + planChecksum + " was rejected by " + e.approver()
                        + " (audit log line " + e.line() + "): " + e.reason());
            }
            approvers.add(e.approver());
        }
        int required = policy.required(classification);
        if (approvers.size() >= required) {
            return new ApprovalDecision(planChecksum, target, classification, required, approvers);
        }
        long forOtherPlans = entries.stream().filter(e -> e.target().equals(target) && !e.planChecksum().equals(planChecksum)
                && e.decision() == AuditEntry.Decision.APPROVE).count();
        throw notApproved(classification.id() + " plan needs " + required + (required == 1 ? " approval" : " approvals")
                + ", has " + approvers.size() + (approvers.isEmpty() ? "" : " (" + String.join(", ", approvers) + ")")
                + " for " + planChecksum + " on " + target
                + (forOtherPlans > 0 ? "; " + forOtherPlans + " approvals in the log are for another version of the plan,"
                + " void since it changed" : ""));
    }

    /** Each person's latest decision on exactly this plan and target, in the order they first decided. */
    private static Map<String, AuditEntry> latestDecisions(List<AuditEntry> entries, String planChecksum, Target target) {
        Map<String, AuditEntry> latest = new LinkedHashMap<>();
        for (AuditEntry e : entries) {
            if (e.concerns(planChecksum, target)) {
                latest.put(e.approver(), e);
            }
        }
        return latest;
    }

    private static EngineException notApproved(String message) {
        return new EngineException(EngineException.Kind.NOT_APPROVED, message);
    }
}

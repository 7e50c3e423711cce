package io.github.migrationdelivery.engine.approval;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.lint.ChangeClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApprovalsTest {

    private static final String PLAN = "sha256:" + "a".repeat(64);
    private static final Target PROD = Target.of("jdbc:postgresql://db.prod:5432/app");
    private static final ApprovalPolicy POLICY = new ApprovalPolicy(List.of("alice", "group:dba", "build-bot"),
            Map.of("dba", Set.of("bob")), Map.of(), List.of(), null);

    @TempDir
    Path dir;

    private AuditLog log() {
        return AuditLog.open(dir.resolve("audit/approvals.jsonl"));
    }

    private static ApprovalRequest.Filed request(String planChecksum, Target target) {
        return new ApprovalRequest.Filed("sha256:" + "e".repeat(64), target,
                new ApprovalRequest.PlanSource(List.of("changelog.xml"), "postgresql", "15", Set.of(), Set.of()),
                planChecksum, "destructive", List.of("Dave"), List.of("erin"));
    }

    private static AuditEntry approve(AuditLog log, String who, String... groups) {
        return Approvals.record(POLICY, log, request(PLAN, PROD), PLAN, List.of(),
                new Approvals.Vote(who, List.of(groups), AuditEntry.Decision.APPROVE, "looked at the brief"), Instant.now());
    }

    private static String refusal(Runnable r) {
        try {
            r.run();
        } catch (EngineException e) {
            assertThat(e.kind()).isEqualTo(EngineException.Kind.NOT_APPROVED);
            return e.getMessage();
        }
        throw new AssertionError("expected a NOT_APPROVED refusal");
    }

    @Test
    void theAuthorTheRequesterAndAnAuthorKnownOnlyNowCannotApprove() {
        AuditLog log = log();
        ApprovalPolicy everyone = new ApprovalPolicy(List.of("alice", "dave", "erin", "frank"), Map.of(), Map.of(), List.of(), null);
        assertThat(refusal(() -> Approvals.record(everyone, log, request(PLAN, PROD), PLAN, List.of(),
                new Approvals.Vote(" DAVE ", List.of(), AuditEntry.Decision.APPROVE, "mine"), Instant.now())))
                .contains("dave is the author or requester");
        assertThat(refusal(() -> Approvals.record(everyone, log, request(PLAN, PROD), PLAN, List.of(),
                new Approvals.Vote("erin", List.of(), AuditEntry.Decision.APPROVE, "I asked"), Instant.now())))
                .contains("erin is the author or requester");
        assertThat(refusal(() -> Approvals.record(everyone, log, request(PLAN, PROD), PLAN, List.of("frank"),
                new Approvals.Vote("frank", List.of(), AuditEntry.Decision.APPROVE, "ok"), Instant.now())))
                .contains("frank is the author or requester");
        assertThat(log.entries()).isEmpty();
    }

    @Test
    void botsAndServiceAccountsCannotApproveEvenWhenListed() {
        AuditLog log = log();
        assertThat(refusal(() -> approve(log, "build-bot"))).contains("matches the bot pattern '*-bot'");
        assertThat(refusal(() -> approve(log, "dependabot[bot]", "dba"))).contains("'*[bot]'");
        assertThat(refusal(() -> approve(log, "svc-deploy", "dba"))).contains("'svc-*'");
        assertThat(refusal(() -> approve(log, "Jenkins", "dba"))).contains("'jenkins'");
        assertThat(log.entries()).isEmpty();
    }

    @Test
    void onlyListedUsersAndMembersOfListedGroupsMayApprove() {
        AuditLog log = log();
        assertThat(refusal(() -> approve(log, "mallory"))).contains("mallory is not an approver (approval.approvers: alice, group:dba");
        assertThat(refusal(() -> approve(log, "mallory", "developers"))).contains("not an approver");
        assertThat(approve(log, "bob").grant()).isEqualTo("group:dba");              // member by configuration
        assertThat(approve(log, "carol", "DBA").grant()).isEqualTo("group:dba");      // member as CI vouches
        assertThat(approve(log, "alice").grant()).isEqualTo("alice");
        assertThat(log.entries()).extracting(AuditEntry::approver).containsExactly("bob", "carol", "alice");
    }

    @Test
    void aDestructivePlanNeedsTwoDistinctApprovers() {
        AuditLog log = log();
        assertThatThrownBy(() -> Approvals.check(POLICY, log, PLAN, ChangeClass.DESTRUCTIVE, PROD))
                .hasMessageStartingWith("destructive plan needs 2 approvals, has 0 for");
        approve(log, "alice");
        assertThat(refusal(() -> approve(log, "ALICE"))).contains("alice already approved this plan").contains("line 1");
        assertThatThrownBy(() -> Approvals.check(POLICY, log, PLAN, ChangeClass.DESTRUCTIVE, PROD))
                .hasMessageStartingWith("destructive plan needs 2 approvals, has 1 (alice) for " + PLAN);
        assertThat(Approvals.check(POLICY, log, PLAN, ChangeClass.BACKFILL, PROD).approvers()).containsExactly("alice");
        approve(log, "bob");
        ApprovalDecision d = Approvals.check(POLICY, log, PLAN, ChangeClass.DESTRUCTIVE, PROD);
        assertThat(d.approvers()).containsExactly("alice", "bob");
        assertThat(d.required()).isEqualTo(2);
    }

    @Test
    void additivePlansNeedNoApprovalByDefault() {
        assertThat(Approvals.check(POLICY, log(), PLAN, ChangeClass.ADDITIVE, PROD).required()).isZero();
    }

    @Test
    void anApprovalHoldsForItsPlanChecksumAndTargetOnly() {
        AuditLog log = log();
        approve(log, "alice");
        approve(log, "bob");
        String changed = "sha256:" + "b".repeat(64);
        assertThatThrownBy(() -> Approvals.check(POLICY, log, changed, ChangeClass.DESTRUCTIVE, PROD))
                .hasMessageContaining("needs 2 approvals, has 0")
                .hasMessageContaining("2 approvals in the log are for another version of the plan");
        assertThatThrownBy(() -> Approvals.check(POLICY, log, PLAN, ChangeClass.DESTRUCTIVE,
                Target.of("jdbc:postgresql://db.staging:5432/app")))
                .hasMessageContaining("needs 2 approvals, has 0").hasMessageContaining("db.staging:5432/app");
        // The same database however its URL is spelt.
        assertThat(Approvals.check(POLICY, log, PLAN, ChangeClass.DESTRUCTIVE,
                Target.of("jdbc:postgresql://user:secret@DB.PROD/app?ssl=true")).approvers()).hasSize(2);
    }

    @Test
    void aRequestForAnotherPlanCannotBeApproved() {
        String changed = "sha256:" + "c".repeat(64);
        assertThat(refusal(() -> Approvals.record(POLICY, log(), request(PLAN, PROD), changed, List.of(),
                new Approvals.Vote("alice", List.of(), AuditEntry.Decision.APPROVE, "fine"), Instant.now())))
                .contains("the plan changed since the request");
    }

    @Test
    void aRejectionStandsUntilItsAuthorApproves() {
        AuditLog log = log();
        approve(log, "alice");
        Approvals.record(POLICY, log, request(PLAN, PROD), PLAN, List.of(),
                new Approvals.Vote("bob", List.of(), AuditEntry.Decision.REJECT, "no backup yet"), Instant.now());
        approve(log, "carol", "dba");
        assertThatThrownBy(() -> Approvals.check(POLICY, log, PLAN, ChangeClass.DESTRUCTIVE, PROD))
                .hasMessageContaining("was rejected by bob (audit log line 2): no backup yet");
        approve(log, "bob");
        assertThat(Approvals.check(POLICY, log, PLAN, ChangeClass.DESTRUCTIVE, PROD).approvers())
                .containsExactly("alice", "bob", "carol");
    }

    @Test
    void approvalsBySomeoneNoLongerAllowedStopCounting() {
        AuditLog log = log();
        approve(log, "alice");
        approve(log, "bob");
        ApprovalPolicy narrower = new ApprovalPolicy(List.of("alice"), Map.of(), Map.of(), List.of(), null);
        assertThatThrownBy(() -> Approvals.check(narrower, log, PLAN, ChangeClass.DESTRUCTIVE, PROD))
                .hasMessageContaining("has 1 (alice)");
    }

    @Test
    void aReasonIsRequired() {
        assertThatThrownBy(() -> Approvals.record(POLICY, log(), request(PLAN, PROD), PLAN, List.of(),
                new Approvals.Vote("alice", List.of(), AuditEntry.Decision.APPROVE, "  "), Instant.now()))
                .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.BAD_INPUT));
    }
}

package io.jenkins.plugins.migrationdelivery;

import hudson.model.Item;
import hudson.model.Result;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A destructive request (fixture written by {@code migration-delivery approval request}) needs two
 * distinct approvers; the build's requester and bots are refused; a rejection aborts the build.
 */
@WithJenkins
class AwaitHumanApprovalStepTest {

    private static WorkflowJob job(JenkinsRule j) throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD).everywhere().to("alice", "bob", "carol", "deploy-bot"));
        MigrationDeliveryConfiguration.get().setApprovalPolicy("approvers: [alice, bob, carol, deploy-bot]\n");
        String request = Files.readString(Path.of("src/test/resources/approval-request.json"), StandardCharsets.UTF_8)
                .replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n");
        WorkflowJob p = j.createProject(WorkflowJob.class, "approve");
        p.setDefinition(new CpsFlowDefinition("node { writeFile file: 'req.json', text: '" + request + "'\n"
                + "archiveArtifacts 'req.json' }\n"
                + "def who = awaitHumanApproval(plan: 'req.json', timeout: 5, timeoutUnit: 'MINUTES')\n"
                + "echo \"approved by ${who}\"", true));
        return p;
    }

    private static void decide(JenkinsRule j, WorkflowRun b, String user, String verb, int expectedStatus) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().login(user);
        wc.setThrowExceptionOnFailingStatusCode(false);
        String id = b.getAction(ApprovalAction.class).getRequests().get(0).getId();
        WebRequest r = new WebRequest(new URL(j.getURL(), b.getUrl() + "migration-approval/" + verb
                + "?id=" + id + "&reason=looked+at+the+lock+times"), HttpMethod.POST);
        assertThat(wc.getPage(wc.addCrumb(r)).getWebResponse().getStatusCode()).as(user + " " + verb).isEqualTo(expectedStatus);
    }

    @Test
    void destructivePlanNeedsTwoDistinctHumans(JenkinsRule j) throws Exception {
        WorkflowJob p = job(j);
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("Approval needed for a destructive plan", b);
        decide(j, b, "deploy-bot", "approve", 400);   // a bot pattern never approves
        decide(j, b, "alice", "approve", 200);
        assertThat(b.isBuilding()).isTrue();           // one of two
        decide(j, b, "alice", "approve", 400);         // the same person counts once
        decide(j, b, "bob", "approve", 200);
        j.assertBuildStatusSuccess(j.waitForCompletion(b));
        j.assertLogContains("approved by alice,bob", b);
        assertThat(MigrationDeliveryConfiguration.get().auditLogFile()).exists();
    }

    @Test
    void aRejectionAbortsTheBuild(JenkinsRule j) throws Exception {
        WorkflowJob p = job(j);
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("Approval needed", b);
        decide(j, b, "carol", "reject", 200);
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        j.assertLogContains("Rejected by carol", b);
    }
}

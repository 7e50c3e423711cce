package io.jenkins.plugins.migrationdelivery;

import hudson.model.Result;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real dry-run report (ALTER COLUMN TYPE bigint on 400,000 rows: AccessExclusiveLock held 3.8 s), written by the CLI. */
@WithJenkins
class AssertLockBudgetStepTest {

    private static String report() throws Exception {
        return Files.readString(Path.of("src/test/resources/dry-run-report.json"), StandardCharsets.UTF_8)
                .replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n");
    }

    @Test
    void aBreachFailsTheStageWithOneLinePerStatement(JenkinsRule j) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "budget");
        p.setDefinition(new CpsFlowDefinition("node {\n  writeFile file: 'r.json', text: '" + report() + "'\n"
                + "  assertLockBudget(report: 'r.json', maxExclusiveMs: 200)\n}", true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("write-blocking-lock", b);
    }

    @Test
    void unstableWhenAsked(JenkinsRule j) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "budget-unstable");
        p.setDefinition(new CpsFlowDefinition("node {\n  writeFile file: 'r.json', text: '" + report() + "'\n"
                + "  def v = assertLockBudget(report: 'r.json', maxExclusiveMs: 200, onBreach: 'UNSTABLE')\n"
                + "  echo \"passed=${v.passed}\"\n}", true));
        WorkflowRun b = j.buildAndAssertStatus(Result.UNSTABLE, p);
        j.assertLogContains("passed=false", b);
    }

    @Test
    void withinAGenerousBudgetItPasses(JenkinsRule j) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "budget-ok");
        p.setDefinition(new CpsFlowDefinition("node {\n  writeFile file: 'r.json', text: '" + report() + "'\n"
                + "  def v = assertLockBudget(report: 'r.json', maxExclusiveMs: 60000)\n  echo \"passed=${v.passed}\"\n}", true));
        j.assertLogContains("passed=true", j.buildAndAssertSuccess(p));
    }

    @Test
    void aMissingReportIsOneLine(JenkinsRule j) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "budget-missing");
        p.setDefinition(new CpsFlowDefinition("node { assertLockBudget(report: 'nope.json') }", true));
        j.assertLogContains("report 'nope.json' does not exist", j.buildAndAssertStatus(Result.FAILURE, p));
    }

    @Test
    void aBadOnBreachIsRejectedNamingTheParameter(JenkinsRule j) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "budget-bad");
        p.setDefinition(new CpsFlowDefinition("node { assertLockBudget(report: 'r.json', onBreach: 'MAYBE') }", true));
        j.assertLogContains("onBreach", j.buildAndAssertStatus(Result.FAILURE, p));
    }
}

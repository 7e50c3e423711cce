package io.jenkins.plugins.migrationdelivery;

import hudson.model.Result;
import hudson.slaves.DumbSlave;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import static org.assertj.core.api.Assertions.assertThat;

@WithJenkins
class LintMigrationStepTest {

    private static final String UNSAFE = "CREATE INDEX orders_status_idx ON orders (status);";

    @Test
    void lintsOnTheAgentWritesReportsAndReturnsAMap(JenkinsRule j) throws Exception {
        DumbSlave agent = j.createOnlineSlave();
        WorkflowJob p = j.createProject(WorkflowJob.class, "lint");
        p.setDefinition(new CpsFlowDefinition(
                "node('" + agent.getNodeName() + "') {\n"
                        + "  writeFile file: 'db/V1__index.sql', text: '" + UNSAFE + "'\n"
                        + "  def r = lintMigration(changelog: 'db', failOn: 'never')\n"
                        + "  echo \"classification=${r.classification} findings=${r.findings.size()} rule=${r.findings[0].rule}\"\n"
                        + "  echo \"sarif=${fileExists(r.sarifPath)} junit=${fileExists(r.junitPath)} json=${fileExists(r.reportPath)}\"\n"
                        + "}", true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("rule=require-concurrent-index-creation", b);
        j.assertLogContains("sarif=true junit=true json=true", b);
        assertThat(b.getAction(LintAction.class).getFindings()).isNotEmpty();
    }

    @Test
    void findingsAtTheFailLevelFailTheStageWithOneLine(JenkinsRule j) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "lint-fails");
        p.setDefinition(new CpsFlowDefinition(
                "node {\n"
                        + "  writeFile file: 'db/V1__index.sql', text: '" + UNSAFE + "'\n"
                        + "  lintMigration(changelog: 'db', failOn: 'warning')\n"
                        + "}", true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("has findings at or above the fail level", b);
    }

    @Test
    void aMissingChangelogIsOneLineNamingIt(JenkinsRule j) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "lint-missing");
        p.setDefinition(new CpsFlowDefinition("node { lintMigration(changelog: 'db/nope.xml') }", true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("nope.xml", b);
        j.assertLogNotContains("\tat io.github", b);
    }

    @Test
    void outsideNodeItSaysItNeedsOne(JenkinsRule j) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "lint-no-node");
        p.setDefinition(new CpsFlowDefinition("lintMigration(changelog: 'db')", true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("node", b);
    }

    @Test
    void configRoundTrip(JenkinsRule j) throws Exception {
        LintMigrationStep step = new LintMigrationStep("db/changelog.xml");
        step.setDialect("mariadb");
        step.setFailOn("warning");
        LintMigrationStep back = new org.jenkinsci.plugins.workflow.steps.StepConfigTester(j).configRoundTrip(step);
        j.assertEqualDataBoundBeans(step, back);
    }
}

package io.jenkins.plugins.migrationdelivery;

import hudson.model.Result;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import static org.assertj.core.api.Assertions.assertThat;

@WithJenkins
class BackupBeforeDestructiveStepTest {

    @Test
    void aPlanThatDestroysNothingRunsTheBodyWithoutABackup(JenkinsRule j) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "additive");
        p.setDefinition(new CpsFlowDefinition("node {\n"
                + "  writeFile file: 'db/V1__add.sql', text: 'ALTER TABLE items ADD COLUMN note text;'\n"
                + "  backupBeforeDestructive(changelog: 'db', target: 'jdbc:postgresql://127.0.0.1:1/app') { echo 'body ran' }\n"
                + "}", true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("destroys no data; no backup needed", b);
        j.assertLogContains("body ran", b);
        assertThat(b.getAction(BackupAction.class)).isNull();
    }

    @Test
    void aBackupThatCannotBeTakenStopsTheBuildBeforeTheBody(JenkinsRule j) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "destructive");
        p.setDefinition(new CpsFlowDefinition("node {\n"
                + "  writeFile file: 'db/V1__drop.sql', text: 'ALTER TABLE items DROP COLUMN legacy;'\n"
                + "  backupBeforeDestructive(changelog: 'db', target: 'jdbc:postgresql://127.0.0.1:1/app') { echo 'body ran' }\n"
                + "}", true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("backupBeforeDestructive:", b);
        j.assertLogNotContains("body ran", b);
    }

    @Test
    void aMissingCredentialIsOneLineNamingIt(JenkinsRule j) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "no-credential");
        p.setDefinition(new CpsFlowDefinition("node {\n"
                + "  backupBeforeDestructive(changelog: 'db', target: 'jdbc:postgresql://127.0.0.1:1/app', credentialsId: 'nope') { echo 'body ran' }\n"
                + "}", true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("Could not find credentials entry with ID 'nope'", b);
        j.assertLogNotContains("body ran", b);
    }
}

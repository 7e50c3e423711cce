package io.jenkins.plugins.migrationdelivery;

import hudson.ExtensionList;
import hudson.util.StreamTaskListener;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Report retention on real builds: each archives a dry-run's two reports beside an application
 * artifact and carries the DryRunAction that names them, as dryRunOnSnapshot leaves it (the step
 * itself needs a database; the listener only reads the action and the archive).
 */
@WithJenkins
class ReportRetentionListenerTest {

    private static final String JSON = "migration-delivery/dry-run.json";
    private static final String HTML = "migration-delivery/dry-run.html";

    private static List<WorkflowRun> buildsWithReports(JenkinsRule j, int count) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "retention");
        p.setDefinition(new CpsFlowDefinition("node {\n"
                + "  writeFile file: '" + JSON + "', text: '{}'\n"
                + "  writeFile file: '" + HTML + "', text: '<html></html>'\n"
                + "  writeFile file: 'app.jar', text: 'jar'\n"
                + "  archiveArtifacts 'migration-delivery/*,app.jar'\n"
                + "}", true));
        List<WorkflowRun> builds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            WorkflowRun b = j.buildAndAssertSuccess(p);
            b.addAction(new DryRunAction("db/changelog.xml", "19 statements", new ArrayList<>(), JSON, HTML));
            b.save();
            builds.add(b);
        }
        return builds;
    }

    private static String completed(WorkflowRun b) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ExtensionList.lookupSingleton(ReportRetentionListener.class)
                .onCompleted(b, new StreamTaskListener(log, StandardCharsets.UTF_8));
        return log.toString(StandardCharsets.UTF_8);
    }

    private static boolean archived(WorkflowRun b, String path) throws Exception {
        return b.getArtifactManager().root().child(path).isFile();
    }

    @Test
    void olderBuildsLoseOnlyTheirDryRunReportsAndAKeptBuildKeepsThem(JenkinsRule j) throws Exception {
        List<WorkflowRun> builds = buildsWithReports(j, 3);
        builds.get(0).keepLog(true);
        MigrationDeliveryConfiguration.get().setReportRetentionBuilds(1);

        String log = completed(builds.get(2));

        assertThat(log).contains("migration-delivery report retention (the newest build): deleted the reports of retention #2: "
                + JSON + ", " + HTML);
        WorkflowRun second = builds.get(1);
        assertThat(archived(second, JSON)).isFalse();
        assertThat(archived(second, HTML)).isFalse();
        assertThat(archived(second, "app.jar")).as("the application's artifact").isTrue();
        assertThat(second.getParent().getBuildByNumber(2)).as("the build itself").isNotNull();
        assertThat(second.getAction(DryRunAction.class).isReportsArchived()).isFalse();
        for (WorkflowRun kept : List.of(builds.get(0), builds.get(2))) {
            assertThat(archived(kept, JSON) && archived(kept, HTML)).as(kept.getFullDisplayName()).isTrue();
            assertThat(kept.getAction(DryRunAction.class).isReportsArchived()).isTrue();
        }
    }

    @Test
    void byDefaultEveryReportIsKept(JenkinsRule j) throws Exception {
        List<WorkflowRun> builds = buildsWithReports(j, 3);

        assertThat(completed(builds.get(2))).isEmpty();
        for (WorkflowRun b : builds) {
            assertThat(archived(b, JSON)).as(b.getFullDisplayName()).isTrue();
        }
    }
}

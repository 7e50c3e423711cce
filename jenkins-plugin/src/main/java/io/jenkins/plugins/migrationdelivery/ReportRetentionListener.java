package io.jenkins.plugins.migrationdelivery;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.listeners.RunListener;
import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.report.ArchivedReports;
import io.github.migrationdelivery.engine.report.ReportRetention;
import jenkins.model.StandardArtifactManager;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the global report retention ({@link MigrationDeliveryConfiguration#reportRetention()}) when a
 * build that ran {@code dryRunOnSnapshot} completes: the dry-run reports archived with the job's
 * builds that the policy no longer keeps are deleted, those files and nothing else (never a build).
 * Which builds is the engine's {@link ReportRetention}, where the files may be its
 * {@link ArchivedReports}; this class only reads Jenkins' builds into them.
 */
@Extension
public class ReportRetentionListener extends RunListener<Run<?, ?>> {

    @Override
    public void onCompleted(Run<?, ?> completed, @NonNull TaskListener listener) {
        ReportRetention policy = MigrationDeliveryConfiguration.get().reportRetention();
        // Only a build with migration reports looks through its job: other jobs pay nothing.
        if (policy.keepsAll() || completed.getActions(DryRunAction.class).isEmpty()) {
            return;
        }
        Job<?, ?> job = completed.getParent();
        Run<?, ?> lastSuccessful = job.getLastSuccessfulBuild();
        Run<?, ?> lastStable = job.getLastStableBuild();
        Map<Integer, Run<?, ?>> withReports = new HashMap<>();
        List<ReportRetention.Build> builds = new ArrayList<>();
        for (Run<?, ?> r : job.getBuilds()) {
            Optional<Path> folder = artifactFolder(r);
            if (folder.isEmpty() || ArchivedReports.present(folder.get(), reportPaths(r)).isEmpty()) {
                continue;
            }
            withReports.put(r.getNumber(), r);
            // The completing build counts as running: its reports are never deleted by its own completion.
            Optional<Instant> finished = r == completed || r.isBuilding() ? Optional.empty()
                    : Optional.of(Instant.ofEpochMilli(r.getStartTimeInMillis() + r.getDuration()));
            builds.add(new ReportRetention.Build(r.getNumber(), finished, r.isKeepLog(),
                    r == lastSuccessful || r == lastStable));
        }
        for (int number : policy.expired(builds, Instant.now())) {
            Run<?, ?> r = withReports.get(number);
            try {
                List<String> deleted = ArchivedReports.delete(artifactFolder(r).orElseThrow(), reportPaths(r));
                listener.getLogger().println(Messages.ReportRetentionListener_Deleted(policy.describe(),
                        r.getFullDisplayName(), String.join(", ", deleted)));
            } catch (EngineException e) {
                listener.getLogger().println(Messages.ReportRetentionListener_Failed(r.getFullDisplayName(), e.getMessage()));
            }
        }
    }

    /**
     * The build's artifact folder when Jenkins stores its artifacts itself; empty for an external artifact
     * manager (S3 and the like), whose storage has its own lifecycle and no API to delete one file.
     */
    @SuppressWarnings("deprecation") // Run.getArtifactsDir: where StandardArtifactManager keeps the files
    private static Optional<Path> artifactFolder(Run<?, ?> r) {
        return r.getArtifactManager() instanceof StandardArtifactManager
                ? Optional.of(r.getArtifactsDir().toPath()) : Optional.empty();
    }

    /** The files dryRunOnSnapshot archived with the build. */
    static List<String> reportPaths(Run<?, ?> r) {
        List<String> paths = new ArrayList<>();
        for (DryRunAction a : r.getActions(DryRunAction.class)) {
            paths.add(a.getReportPath());
            paths.add(a.getHtmlPath());
        }
        return paths;
    }
}

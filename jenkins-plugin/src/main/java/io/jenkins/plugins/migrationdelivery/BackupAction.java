package io.jenkins.plugins.migrationdelivery;

import hudson.model.Run;
import jenkins.model.RunAction2;

/** The backup a {@code backupBeforeDestructive} block took, on the build page: its manifest id and file. */
public class BackupAction implements RunAction2 {

    private final String changelog;
    private final String summary;
    private final String manifestId;
    private final String manifestPath;
    private transient Run<?, ?> run;

    BackupAction(String changelog, String summary, String manifestId, String manifestPath) {
        this.changelog = changelog;
        this.summary = summary;
        this.manifestId = manifestId;
        this.manifestPath = manifestPath;
    }

    public String getChangelog() {
        return changelog;
    }

    public String getSummary() {
        return summary;
    }

    public String getManifestId() {
        return manifestId;
    }

    public String getManifestPath() {
        return manifestPath;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    /** Shown in the build's summary only (summary.jelly): the manifest is a workspace file. */
    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return Messages.BackupAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return null;
    }
}

package io.jenkins.plugins.migrationdelivery;

/** The backup a {@code backupBeforeDestructive} block took, on the build page: its manifest id and file. */
public class BackupAction extends BuildAction {

    private final String changelog;
    private final String summary;
    private final String manifestId;
    private final String manifestPath;

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

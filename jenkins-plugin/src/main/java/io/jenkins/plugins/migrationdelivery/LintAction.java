package io.jenkins.plugins.migrationdelivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One {@code lintMigration} call's findings on the build page: summary box and a detail page. */
public class LintAction extends BuildAction {

    private final String changelog;
    private final String summary;
    private final String classification;
    private final ArrayList<HashMap<String, Object>> findings;

    LintAction(String changelog, String summary, String classification, ArrayList<HashMap<String, Object>> findings) {
        this.changelog = changelog;
        this.summary = summary;
        this.classification = classification;
        this.findings = findings;
    }

    public String getChangelog() {
        return changelog;
    }

    public String getSummary() {
        return summary;
    }

    public String getClassification() {
        return classification;
    }

    public List<Map<String, Object>> getFindings() {
        return new ArrayList<>(findings);
    }

    @Override
    public String getIconFileName() {
        return "symbol-search";
    }

    @Override
    public String getDisplayName() {
        return Messages.LintAction_DisplayName(changelog);
    }

    @Override
    public String getUrlName() {
        // Several lint calls in one build each get their own page.
        return "migration-lint-" + Integer.toHexString(changelog.hashCode() & 0x7fffffff)
                + "-" + (getRun() == null ? 0 : getRun().getActions(LintAction.class).indexOf(this));
    }
}

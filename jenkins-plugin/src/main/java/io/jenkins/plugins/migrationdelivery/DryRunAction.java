package io.jenkins.plugins.migrationdelivery;

import hudson.model.Run;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code dryRunOnSnapshot} call on the build page: the measured figures per statement and a
 * lock timeline drawn from them (bars positioned by start time and length, write-blocking holds
 * in their own colour). The archived HTML report has the full detail.
 */
public class DryRunAction extends BuildAction {

    /** One statement's measured figures, as stored with the build. */
    public static final class Row implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String position;
        private final String statement;
        private final String strongestLock;
        private final long startedAtMs;
        private final long durationMs;
        private final long writeBlockingHeldMs;
        private final long blockedMs;
        private final boolean rewrite;

        Row(String position, String statement, String strongestLock, long startedAtMs, long durationMs,
            long writeBlockingHeldMs, long blockedMs, boolean rewrite) {
            this.position = position;
            this.statement = statement;
            this.strongestLock = strongestLock;
            this.startedAtMs = startedAtMs;
            this.durationMs = durationMs;
            this.writeBlockingHeldMs = writeBlockingHeldMs;
            this.blockedMs = blockedMs;
            this.rewrite = rewrite;
        }

        public String getPosition() {
            return position;
        }

        public String getStatement() {
            return statement;
        }

        public String getStrongestLock() {
            return strongestLock;
        }

        public long getStartedAtMs() {
            return startedAtMs;
        }

        public long getDurationMs() {
            return durationMs;
        }

        public long getWriteBlockingHeldMs() {
            return writeBlockingHeldMs;
        }

        public long getBlockedMs() {
            return blockedMs;
        }

        public boolean isRewrite() {
            return rewrite;
        }
    }

    private final String changelog;
    private final String summary;
    private final ArrayList<Row> statements;
    private final String reportPath;
    private final String htmlPath;

    DryRunAction(String changelog, String summary, ArrayList<Row> statements, String reportPath, String htmlPath) {
        this.changelog = changelog;
        this.summary = summary;
        this.statements = statements;
        this.reportPath = reportPath;
        this.htmlPath = htmlPath;
    }

    public String getChangelog() {
        return changelog;
    }

    public String getSummary() {
        return summary;
    }

    public List<Row> getStatements() {
        return new ArrayList<>(statements);
    }

    public String getReportPath() {
        return reportPath;
    }

    public String getHtmlPath() {
        return htmlPath;
    }

    /** Whether the archived reports are still there: the global report retention may have deleted them. */
    public boolean isReportsArchived() {
        Run<?, ?> run = getRun();
        try {
            return run != null && run.getArtifactManager().root().child(reportPath).isFile();
        } catch (IOException e) {
            return false; // external artifact storage that cannot be reached: no link that would fail
        }
    }

    /** The timeline's scale: the end of the last statement, at least 1 ms. */
    public long getSpanMs() {
        long end = 1;
        for (Row r : statements) {
            end = Math.max(end, r.startedAtMs + Math.max(r.durationMs, r.writeBlockingHeldMs));
        }
        return end;
    }

    /** Left offset of a bar in percent of the span. */
    public double left(Row r) {
        return 100.0 * r.startedAtMs / getSpanMs();
    }

    /** Width of a bar in percent of the span, never invisible. */
    public double width(long ms) {
        return Math.max(0.3, 100.0 * ms / getSpanMs());
    }

    @Override
    public String getIconFileName() {
        return "symbol-time";
    }

    @Override
    public String getDisplayName() {
        return Messages.DryRunAction_DisplayName(changelog);
    }

    @Override
    public String getUrlName() {
        return "migration-dry-run-" + (getRun() == null ? 0 : getRun().getActions(DryRunAction.class).indexOf(this));
    }
}

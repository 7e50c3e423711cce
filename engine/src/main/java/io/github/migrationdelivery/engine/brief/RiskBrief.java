package io.github.migrationdelivery.engine.brief;

import io.github.migrationdelivery.engine.dryrun.DryRunReport;
import io.github.migrationdelivery.engine.lint.ChangeClass;
import io.github.migrationdelivery.engine.lint.LintResult;

import java.util.List;
import java.util.Optional;

/**
 * A plain-language brief for the people who approve a change: what it does, to which tables, which
 * statements lock what and for how long (measured when a dry-run report is given), what the
 * application version still running will see, and how to undo it. Built from the lint verdict,
 * the dry-run report and the backup manifest; rendered by {@link BriefMarkdown} and {@link BriefHtml}.
 *
 * @param summary     the headline facts, one sentence each
 * @param measured    true when lock figures come from a dry-run report rather than the lock tables
 * @param breaksOldVersion true when the application version still running will see errors
 * @param undoLosesData    true when undoing the change cannot bring back all data (a forward
 *                         statement destroys data, or a rollback would)
 */
public record RiskBrief(String planChecksum, ChangeClass classification, List<String> summary, List<TableNote> tables,
                        List<ChangesetBrief> changesets, boolean measured, boolean breaksOldVersion,
                        boolean undoLosesData) {

    /** A table the plan touches, with what the dry-run measured on it. */
    public record TableNote(String table, List<String> facts) {
        public TableNote {
            facts = List.copyOf(facts);
        }
    }

    /** A statement's lock, measured or from the lock tables. */
    public record LockNote(String statement, String text, boolean measured) {
    }

    /**
     * One changeset in words.
     *
     * @param does       what it does, one clause per action
     * @param oldVersion what the application version still running will see; empty when it keeps working
     * @param findings   the lint findings on it, "severity rule: message"
     * @param undo       how to undo it and what that loses
     */
    public record ChangesetBrief(String name, ChangeClass classification, List<String> does, List<LockNote> locks,
                                 List<String> oldVersion, List<String> findings, String undo, boolean undoLosesData) {
        public ChangesetBrief {
            does = List.copyOf(does);
            locks = List.copyOf(locks);
            oldVersion = List.copyOf(oldVersion);
            findings = List.copyOf(findings);
        }
    }

    public RiskBrief {
        summary = List.copyOf(summary);
        tables = List.copyOf(tables);
        changesets = List.copyOf(changesets);
    }

    /**
     * The brief for a linted plan. The dry-run report's statements are matched to the plan's by
     * changeset and SQL text, so a report of another plan gives no figures rather than wrong ones.
     */
    public static RiskBrief of(LintResult lint, Optional<DryRunReport> dryRun, Optional<BackupReference> backup) {
        return new BriefComposer(lint, dryRun, backup).compose();
    }
}

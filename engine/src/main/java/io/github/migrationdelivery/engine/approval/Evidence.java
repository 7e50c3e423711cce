package io.github.migrationdelivery.engine.approval;

import io.github.migrationdelivery.engine.brief.BackupReference;
import io.github.migrationdelivery.engine.brief.RollbackAssessment;
import io.github.migrationdelivery.engine.dryrun.DryRunReport;
import io.github.migrationdelivery.engine.dryrun.RollbackRehearsal;
import io.github.migrationdelivery.engine.dryrun.StatementRun;
import io.github.migrationdelivery.engine.lint.ChangeClass;
import io.github.migrationdelivery.engine.lint.ChangesetVerdict;
import io.github.migrationdelivery.engine.lint.LintResult;
import io.github.migrationdelivery.engine.lint.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * What an approver is shown and what the audit log points to (through the request file's
 * SHA-256): the plan's identity and risk class, the lint verdict, the measured dry-run figures,
 * the backup and the way back.
 */
public record Evidence(String planChecksum, ChangeClass classification, List<ChangesetEvidence> changesets,
                       LintEvidence lint, Optional<Measured> dryRun, Optional<String> backupManifestId,
                       RollbackAssessment rollback) {

    public record ChangesetEvidence(String name, ChangeClass classification, boolean blocksTraffic) {
    }

    /** @param failing the findings that fail the lint gate, "file:line rule: message" */
    public record LintEvidence(long errors, long warnings, long infos, List<String> failing) {
        public LintEvidence {
            failing = List.copyOf(failing);
        }
    }

    /** The dry-run's worst figures, in milliseconds. */
    public record Measured(String outcome, long longestWriteBlockingHoldMs, long longestReadBlockingHoldMs,
                           long longestBlockedReadMs, long longestBlockedWriteMs, List<String> rewrittenTables,
                           String rollbackRehearsal, List<String> rollbackDataLoss) {
        public Measured {
            rewrittenTables = List.copyOf(rewrittenTables);
            rollbackDataLoss = List.copyOf(rollbackDataLoss);
        }

        static Measured of(DryRunReport r) {
            List<String> rewritten = r.statements().stream().flatMap(s -> s.rewrittenTables().stream()).distinct().toList();
            RollbackRehearsal rb = r.rollback() == null ? RollbackRehearsal.skipped("not rehearsed") : r.rollback();
            return new Measured(r.outcome().id(), max(r, StatementRun::writeBlockingHeldMs),
                    max(r, StatementRun::readBlockingHeldMs), max(r, StatementRun::maxReadBlockedMs),
                    max(r, StatementRun::maxWriteBlockedMs), rewritten, rb.status().id(), rb.dataLoss());
        }

        private static long max(DryRunReport r, ToLongFunction<StatementRun> figure) {
            return r.statements().stream().mapToLong(figure).max().orElse(0);
        }
    }

    public Evidence {
        changesets = List.copyOf(changesets);
    }

    public static Evidence of(LintResult lint, Optional<DryRunReport> dryRun, Optional<BackupReference> backup) {
        List<ChangesetEvidence> changesets = new ArrayList<>();
        for (ChangesetVerdict v : lint.changesets()) {
            changesets.add(new ChangesetEvidence(v.changeset().displayName(), v.changeClass(), v.blocking()));
        }
        List<String> failing = lint.findings().stream().filter(f -> lint.settings().failLevel().fails(f.severity()))
                .map(f -> f.position() + " " + f.ruleId() + ": " + f.message()).toList();
        LintEvidence findings = new LintEvidence(lint.count(Severity.ERROR), lint.count(Severity.WARNING),
                lint.count(Severity.INFO), failing);
        return new Evidence(lint.plan().checksum(), lint.changeClass(), changesets, findings, dryRun.map(Measured::of),
                backup.map(BackupReference::id), RollbackAssessment.of(lint.plan()));
    }
}

package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.brief.BackupReference;
import io.github.migrationdelivery.engine.brief.RiskBrief;
import io.github.migrationdelivery.engine.dryrun.DryRunReport;
import io.github.migrationdelivery.engine.lint.LintResult;
import io.github.migrationdelivery.engine.report.DryRunJson;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** The measured evidence a brief and an approval request are built from, besides the plan. */
final class BriefOptions {

    @Option(names = "--dry-run-report", paramLabel = "FILE",
            description = "A dry-run JSON report of this plan (dry-run --report): measured lock times instead of the lock tables' modes.")
    Path dryRunReport;

    @Option(names = "--backup-manifest", paramLabel = "FILE",
            description = "The backup manifest (JSON) that protects this plan; refused when it protects another plan.")
    Path backupManifest;

    Optional<DryRunReport> dryRun() {
        return Optional.ofNullable(dryRunReport).map(f -> DryRunJson.read(f).report());
    }

    Optional<BackupReference> backup(String planChecksum) {
        return Optional.ofNullable(backupManifest).map(f -> BackupReference.read(f, planChecksum));
    }

    RiskBrief brief(LintResult lint) {
        return RiskBrief.of(lint, dryRun(), backup(lint.plan().checksum()));
    }
}

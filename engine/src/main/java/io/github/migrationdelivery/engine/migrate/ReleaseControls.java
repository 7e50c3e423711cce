package io.github.migrationdelivery.engine.migrate;

import io.github.migrationdelivery.engine.approval.ApprovalPolicy;
import io.github.migrationdelivery.engine.approval.Approvals;
import io.github.migrationdelivery.engine.approval.AuditLog;
import io.github.migrationdelivery.engine.approval.Target;
import io.github.migrationdelivery.engine.backup.BackupManifests;
import io.github.migrationdelivery.engine.lint.ChangeClass;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** The release controls {@code migrate} runs as {@link Precondition}s before it touches the target. */
public final class ReleaseControls {

    private ReleaseControls() {
    }

    /**
     * For a plan that destroys data, a verified backup manifest for exactly this plan, younger
     * than {@code maxAge}; BACKUP_REQUIRED otherwise. A plan that destroys nothing needs none.
     */
    public static Precondition backup(Path manifestOrDirectory, Duration maxAge, Clock clock) {
        return (plan, target) -> BackupManifests.requireFresh(plan, manifestOrDirectory, maxAge, clock);
    }

    /**
     * Exactly this plan (its checksum as read now) approved for exactly this target, by as many
     * distinct people as the policy wants for the plan's risk class; NOT_APPROVED otherwise.
     */
    public static Precondition approval(ApprovalPolicy policy, Path auditLog, ChangeClass classification) {
        return (plan, target) -> Approvals.check(policy, AuditLog.open(auditLog), plan.checksum(), classification,
                Target.of(target.jdbcUrl()));
    }
}

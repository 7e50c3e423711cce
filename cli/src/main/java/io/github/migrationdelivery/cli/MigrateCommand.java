package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.backup.BackupSettings;
import io.github.migrationdelivery.engine.config.ConfigLoader;
import io.github.migrationdelivery.engine.config.MigrateConfig;
import io.github.migrationdelivery.engine.config.ProjectConfig;
import io.github.migrationdelivery.engine.lint.ChangeClass;
import io.github.migrationdelivery.engine.lint.FailLevel;
import io.github.migrationdelivery.engine.dryrun.SnapshotDryRun;
import io.github.migrationdelivery.engine.metrics.MetricsRecorder;
import io.github.migrationdelivery.engine.migrate.MigrateSettings;
import io.github.migrationdelivery.engine.migrate.Migration;
import io.github.migrationdelivery.engine.migrate.MigrationResult;
import io.github.migrationdelivery.engine.migrate.Precondition;
import io.github.migrationdelivery.engine.migrate.ReleaseControls;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.ServerVersion;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;
import io.github.migrationdelivery.engine.snapshot.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code migrate}: the production apply, forward only. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply the plan to the target database, forward only, recorded in DATABASECHANGELOG or flyway_schema_history;"
                + " retry lock timeouts with backoff; resume after the last committed changeset (docs/migrate.md).")
final class MigrateCommand implements Callable<Integer> {

    @Mixin
    PlanOptions plan;

    @Option(names = "--target", required = true, paramLabel = "JDBC-URL",
            description = "The database to migrate, e.g. jdbc:postgresql://db:5432/app (password from PGPASSWORD, MD_DB_PASSWORD or --password-file).")
    String target;

    @Mixin
    LoginOptions login;

    @Option(names = "--lock-timeout", paramLabel = "DURATION",
            description = "How long each statement may wait for a lock (default: config migrate.lockTimeout, else 2s).")
    String lockTimeout;

    @Option(names = "--statement-timeout", paramLabel = "DURATION",
            description = "How long each statement may run (default: config migrate.statementTimeout, else 15min).")
    String statementTimeout;

    @Option(names = "--retries", paramLabel = "N",
            description = "How often a changeset that hit the lock timeout is tried again (default: config migrate.retries, else 5).")
    Integer retries;

    @Option(names = "--release-stale-lock", paramLabel = "AGE",
            description = "Release a Liquibase lock older than AGE (e.g. 30min) left by a run that died; never while another migrate runs.")
    String releaseStaleLock;

    @Option(names = "--audit-log", paramLabel = "FILE",
            description = "The approvals' audit log (default: config approval.auditLog, else .migration-delivery/approvals.jsonl).")
    Path auditLog;

    @Option(names = "--backup-manifest", paramLabel = "FILE|DIR",
            description = "For a destructive plan: its backup's manifest, or the directory of backups (default: .migration-delivery/backups).")
    Path backupManifest = BackupSettings.DEFAULT_OUT;

    @Option(names = "--backup-max-age", paramLabel = "DURATION", defaultValue = "24h",
            description = "The oldest backup a destructive plan accepts (default: ${DEFAULT-VALUE}).")
    String backupMaxAge;

    @Mixin
    MetricsOptions metrics;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return metrics.run("migrate", spec.commandLine().getErr(), recorder -> migrate(recorder, spec.commandLine().getOut()));
    }

    private int migrate(MetricsRecorder recorder, PrintWriter out) {
        ProjectConfig project = plan.project();
        ConnectionSpec database = Credentials.resolve(target, login.options(System.getenv()));
        // The target's URL says which server it is; a --dialect or config that disagrees is refused by Migration.
        Dialect dialect = plan.dialect == null && project.dialect().isEmpty() ? database.dialect() : plan.dialect(project);
        ServerVersion version = plan.serverVersion(project, dialect);
        Plan p = plan.read(dialect, version);
        recorder.plan(p);
        ChangeClass classification = project.lint(p, version, FailLevel.NEVER).changeClass();
        MigrationResult r = new Migration(settings(project.migrate()), releaseControls(project, classification), line -> {
            out.println("migrate: " + line);
            out.flush();
        }).run(p, database);
        if (r.applied().isEmpty()) {
            out.println("migrate: nothing to apply: all " + r.total() + " changesets are applied on " + r.target());
        } else {
            out.println("migrate: applied " + r.applied().size() + " of " + r.total() + " changesets to " + r.target() + " in "
                    + SnapshotDryRun.ms(r.durationMs()) + (r.retries() == 0 ? "" : " (" + r.retries() + " lock-timeout retries)"));
        }
        out.flush();
        return ExitCode.OK.code();
    }

    /**
     * The checks that must pass before anything is applied: this plan's checksum approved for this
     * target by as many people as its risk class needs, and, when it destroys data, a fresh
     * verified backup of exactly this plan.
     */
    private List<Precondition> releaseControls(ProjectConfig project, ChangeClass classification) {
        return List.of(
                ReleaseControls.approval(project.approval(), auditLog != null ? auditLog : project.approval().auditLog(),
                        classification),
                ReleaseControls.backup(backupManifest, ConfigLoader.duration(backupMaxAge, "--backup-max-age"),
                        Clock.systemUTC()));
    }

    /** Migrate's defaults, then the config file's {@code migrate:}, then the flags. */
    private MigrateSettings settings(MigrateConfig config) {
        MigrateSettings d = MigrateSettings.defaults();
        Duration lock = lockTimeout != null ? ConfigLoader.duration(lockTimeout, "--lock-timeout")
                : config.lockTimeout().orElse(d.lockTimeout());
        Duration statement = statementTimeout != null ? ConfigLoader.duration(statementTimeout, "--statement-timeout")
                : config.statementTimeout().orElse(d.statementTimeout());
        int n = retries != null ? retries : config.retries().orElse(d.retries());
        Optional<Duration> stale = Optional.ofNullable(releaseStaleLock).map(a -> ConfigLoader.duration(a, "--release-stale-lock"));
        return new MigrateSettings(lock, statement, n, d.firstBackoff(), stale);
    }
}

package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.backup.Backup;
import io.github.migrationdelivery.engine.backup.BackupManifest;
import io.github.migrationdelivery.engine.backup.BackupManifests;
import io.github.migrationdelivery.engine.backup.BackupSettings;
import io.github.migrationdelivery.engine.backup.ColumnRestore;
import io.github.migrationdelivery.engine.config.ConfigLoader;
import io.github.migrationdelivery.engine.config.ProjectConfig;
import io.github.migrationdelivery.engine.metrics.MetricsRecorder;
import io.github.migrationdelivery.engine.plan.Plan;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code backup}: a verified backup of what a destructive plan can destroy; {@code check} and {@code restore-column}. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up exactly what a destructive plan can destroy, verify the archive and write a manifest (docs/backup.md).",
        subcommands = {BackupCommand.Check.class, BackupCommand.RestoreColumn.class})
final class BackupCommand implements Callable<Integer> {

    @Mixin
    PlanOptions plan;

    @Mixin
    TargetOptions target;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Directory holding backups, each in its own subdirectory (default: .migration-delivery/backups).")
    Path out = BackupSettings.DEFAULT_OUT;

    @Option(names = "--whole-database", description = "Dump the whole database, not only the tables the plan can destroy.")
    boolean wholeDatabase;

    @Option(names = "--verify-restore",
            description = "Also restore the archive into a throw-away database on the target's server and compare row counts.")
    boolean verifyRestore;

    @Mixin
    MetricsOptions metrics;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return metrics.run("backup", spec.commandLine().getErr(), this::run);
    }

    private int run(MetricsRecorder recorder) {
        PrintWriter out = spec.commandLine().getOut();
        ProjectConfig project = plan.project();
        Plan p = plan.read(project);
        recorder.plan(p);
        BackupSettings settings = BackupSettings.in(this.out).withWholeDatabase(wholeDatabase).withVerifyRestore(verifyRestore)
                .withPgDump(project.backup().pgDump()).withPgRestore(project.backup().pgRestore());
        Optional<Backup.Taken> taken = new Backup(settings).take(p, target.connection());
        if (taken.isEmpty()) {
            out.println("backup: not needed: the plan destroys nothing (" + p.checksum() + ")");
        } else {
            BackupManifest m = taken.get().manifest();
            long bytes = m.files().stream().mapToLong(BackupManifest.BackupFile::sizeBytes).sum();
            out.println("backup " + m.id() + ": " + m.scope() + " " + m.rowCounts().entrySet().stream()
                    .map(e -> e.getKey() + " (" + e.getValue() + " rows)").collect(Collectors.joining(", "))
                    + (m.columnCopies().isEmpty() ? "" : "; column copies: " + m.columnCopies().stream()
                            .map(c -> c.table() + "." + c.column()).collect(Collectors.joining(", ")))
                    + "; " + bytes + " bytes; verified: listed, row counts match"
                    + (m.verification().restoreTested() ? ", restored into a throw-away database" : ""));
            if (!m.absent().isEmpty()) {
                out.println("backup " + m.id() + ": not in the backup: " + String.join("; ", m.absent()));
            }
            out.println("backup " + m.id() + ": manifest " + taken.get().manifestFile());
        }
        out.flush();
        return ExitCode.OK.code();
    }

    /** {@code backup check}: the gate migrate and approval apply, for any CI step. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Exit 0 when the plan destroys nothing or a fresh, verified, untouched backup manifest for exactly this plan exists; else exit 6.")
    static final class Check implements Callable<Integer> {

        @Mixin
        PlanOptions plan;

        @Option(names = "--manifest", paramLabel = "FILE|DIR",
                description = "A manifest, a backup's directory, or the directory of backups (default: .migration-delivery/backups).")
        Path manifest = BackupSettings.DEFAULT_OUT;

        @Option(names = "--max-age", paramLabel = "DURATION", defaultValue = "24h",
                description = "The oldest backup accepted, e.g. 30min, 24h, 2d (default: ${DEFAULT-VALUE}).")
        String maxAge;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Plan p = plan.read(plan.project());
            Duration age = ConfigLoader.duration(maxAge, "--max-age");
            Optional<BackupManifest> m = BackupManifests.requireFresh(p, manifest, age, Clock.systemUTC());
            out.println(m.map(b -> "backup check: passed: " + b.id() + " protects plan " + b.planChecksum() + " (taken "
                    + b.createdAt() + ", verified" + (b.verification().restoreTested() ? " and restore-tested" : "") + ")")
                    .orElse("backup check: passed: the plan destroys nothing; no backup needed"));
            out.flush();
            return ExitCode.OK.code();
        }
    }

    /** {@code backup restore-column}: one dropped column back from its copy, by primary key. */
    @Command(name = "restore-column", mixinStandardHelpOptions = true,
            description = "Put a dropped column's values back from a backup's column copy, by primary key (the column is re-added when missing).")
    static final class RestoreColumn implements Callable<Integer> {

        @Option(names = "--manifest", required = true, paramLabel = "FILE", description = "The backup's manifest.json.")
        Path manifest;

        @Option(names = "--table", required = true, paramLabel = "TABLE", description = "The table, as the manifest names it (schema.table or table).")
        String table;

        @Option(names = "--column", required = true, paramLabel = "COLUMN", description = "The dropped column.")
        String column;

        @Mixin
        TargetOptions target;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ColumnRestore.Restored r = new ColumnRestore(manifest, table, column).into(target.connection());
            PrintWriter out = spec.commandLine().getOut();
            out.println("restore-column: " + r.table() + "." + r.column() + ": " + r.rowsUpdated() + " of " + r.rowsInCopy()
                    + " rows restored by primary key" + (r.columnAdded() ? " (column re-added)" : "")
                    + (r.rowsUpdated() < r.rowsInCopy() ? "; " + (r.rowsInCopy() - r.rowsUpdated())
                    + " rows of the copy no longer exist in the table" : ""));
            out.flush();
            return ExitCode.OK.code();
        }
    }

    /** The database a backup reads or a column is restored into, with its credentials. */
    static final class TargetOptions {

        @Option(names = "--target", paramLabel = "JDBC-URL",
                description = "The database, e.g. jdbc:postgresql://db:5432/app (password from PGPASSWORD, MD_DB_PASSWORD or --password-file, never the command line).")
        String url;

        @Mixin
        LoginOptions login;

        /** Required, but checked here: picocli would demand it of {@code backup check} too. */
        ConnectionSpec connection() {
            if (url == null || url.isBlank()) {
                throw EngineException.badInput("--target is required: the JDBC URL of the database");
            }
            return Credentials.resolve(url, login.options(System.getenv()));
        }
    }
}

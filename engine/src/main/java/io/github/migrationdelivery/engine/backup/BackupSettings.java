package io.github.migrationdelivery.engine.backup;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * How to take a backup.
 *
 * @param out           the directory holding backups; each goes into its own subdirectory
 * @param wholeDatabase dump the whole database, not only the tables the plan can destroy
 * @param verifyRestore restore the archive into a throw-away database on the target's server and compare row counts
 * @param pgDump        {@code backup.pgDump}: the pg_dump to run (default: the first on PATH)
 * @param pgRestore     {@code backup.pgRestore}: the pg_restore that lists and reads the archive (default: PATH)
 * @param clock         the time the backup's id and {@code createdAt} come from
 */
public record BackupSettings(Path out, boolean wholeDatabase, boolean verifyRestore, Optional<Path> pgDump,
                             Optional<Path> pgRestore, Clock clock) {

    /** {@code backup --out}'s default, relative to the working directory. */
    public static final Path DEFAULT_OUT = Path.of(".migration-delivery", "backups");

    public BackupSettings {
        Objects.requireNonNull(out, "out");
        pgDump = pgDump == null ? Optional.empty() : pgDump;
        pgRestore = pgRestore == null ? Optional.empty() : pgRestore;
        Objects.requireNonNull(clock, "clock");
    }

    /** Tables only, no restore test, client programs from PATH, the system clock. */
    public static BackupSettings in(Path out) {
        return new BackupSettings(out, false, false, Optional.empty(), Optional.empty(), Clock.systemUTC());
    }

    public BackupSettings withWholeDatabase(boolean value) {
        return new BackupSettings(out, value, verifyRestore, pgDump, pgRestore, clock);
    }

    public BackupSettings withVerifyRestore(boolean value) {
        return new BackupSettings(out, wholeDatabase, value, pgDump, pgRestore, clock);
    }

    public BackupSettings withPgDump(Optional<Path> value) {
        return new BackupSettings(out, wholeDatabase, verifyRestore, value, pgRestore, clock);
    }

    public BackupSettings withPgRestore(Optional<Path> value) {
        return new BackupSettings(out, wholeDatabase, verifyRestore, pgDump, value, clock);
    }

    public BackupSettings withClock(Clock value) {
        return new BackupSettings(out, wholeDatabase, verifyRestore, pgDump, pgRestore, value);
    }
}

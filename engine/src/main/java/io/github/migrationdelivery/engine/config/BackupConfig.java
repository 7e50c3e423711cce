package io.github.migrationdelivery.engine.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code backup:} section: which client programs take and read backups, when the ones on
 * PATH are not the right version.
 *
 * @param pgDump    {@code backup.pgDump}: path of the pg_dump to run
 * @param pgRestore {@code backup.pgRestore}: path of the pg_restore that lists and reads archives
 */
public record BackupConfig(Optional<Path> pgDump, Optional<Path> pgRestore) {

    public static BackupConfig empty() {
        return new BackupConfig(Optional.empty(), Optional.empty());
    }
}

package io.github.migrationdelivery.engine.backup;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The gate before a destructive plan runs: a backup manifest for exactly this plan, young enough,
 * verified, and with every file as it was written. Approval and migrate call
 * {@link #requireFresh}; the CLI's {@code backup check} exposes it.
 */
public final class BackupManifests {

    private BackupManifests() {
    }

    /**
     * The manifest that protects {@code plan}, or empty when the plan destroys nothing and needs
     * none. Fails with one line of kind BACKUP_REQUIRED when there is no manifest for this plan's
     * checksum, the newest one is older than {@code maxAge}, failed its verification, or a file
     * of it is missing or no longer has its recorded SHA-256.
     *
     * @param manifestOrDirectory a manifest file, one backup's directory, or the directory holding
     *                            backups (each in its own subdirectory, as {@code backup --out} writes them)
     */
    public static Optional<BackupManifest> requireFresh(Plan plan, Path manifestOrDirectory, Duration maxAge, Clock clock) {
        if (!BackupScope.of(plan).required()) {
            return Optional.empty();
        }
        String checksum = plan.checksum();
        List<Path> candidates = manifests(manifestOrDirectory);
        BackupManifest newest = null;
        Path newestFile = null;
        for (Path file : candidates) {
            BackupManifest m = BackupManifest.read(file);
            if (m.planChecksum().equals(checksum) && (newest == null || m.created().isAfter(newest.created()))) {
                newest = m;
                newestFile = file;
            }
        }
        if (newest == null) {
            throw required("no backup manifest for plan " + checksum + " in " + manifestOrDirectory + " ("
                    + candidates.size() + " manifest(s) for other plans); run migration-delivery backup first");
        }
        Instant now = clock.instant();
        Duration age = Duration.between(newest.created(), now);
        if (age.compareTo(maxAge) > 0) {
            throw required("backup " + newest.id() + " (" + newestFile + ") was taken " + human(age)
                    + " ago, more than the allowed " + human(maxAge) + "; take a fresh backup");
        }
        if (!newest.verification().passed()) {
            throw required("backup " + newest.id() + " (" + newestFile + ") failed its verification (listed="
                    + newest.verification().listed() + ", rowCountsMatch=" + newest.verification().rowCountsMatch() + ")");
        }
        Path dir = newestFile.toAbsolutePath().getParent();
        for (BackupManifest.BackupFile f : newest.files()) {
            Path file = dir.resolve(f.path()).normalize();
            if (!file.startsWith(dir)) {
                throw required("backup " + newest.id() + " (" + newestFile + ") names a file outside its directory: " + f.path());
            }
            String actual;
            try {
                actual = Files.isRegularFile(file) ? Sha256.of(file) : null;
            } catch (IOException e) {
                actual = null;
            }
            if (actual == null) {
                throw required("backup " + newest.id() + ": file " + file + " is missing or unreadable");
            }
            if (!actual.equals(f.sha256())) {
                throw required("backup " + newest.id() + ": file " + file + " changed since the backup (SHA-256 "
                        + actual + ", manifest says " + f.sha256() + ")");
            }
        }
        return Optional.of(newest);
    }

    /** Every manifest at the path: the file itself, a backup's directory, or a directory of backups. */
    static List<Path> manifests(Path manifestOrDirectory) {
        if (Files.isRegularFile(manifestOrDirectory)) {
            return List.of(manifestOrDirectory);
        }
        if (!Files.isDirectory(manifestOrDirectory)) {
            throw required("no backup manifest for this plan: " + manifestOrDirectory + " does not exist;"
                    + " run migration-delivery backup first");
        }
        Path own = manifestOrDirectory.resolve(BackupManifest.FILE_NAME);
        if (Files.isRegularFile(own)) {
            return List.of(own);
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> children = Files.list(manifestOrDirectory)) {
            children.map(d -> d.resolve(BackupManifest.FILE_NAME)).filter(Files::isRegularFile)
                    .sorted(Comparator.naturalOrder()).forEach(found::add);
        } catch (IOException e) {
            throw EngineException.badInput("backup directory " + manifestOrDirectory + " cannot be read: " + e.getMessage());
        }
        return found;
    }

    static String human(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 2) {
            return d.toSeconds() + "s";
        }
        if (minutes < 120) {
            return minutes + "min";
        }
        long hours = d.toHours();
        return hours < 48 ? hours + "h" : d.toDays() + "d " + (hours % 24) + "h";
    }

    private static EngineException required(String message) {
        return new EngineException(EngineException.Kind.BACKUP_REQUIRED, message);
    }
}

package io.github.migrationdelivery.engine.backup;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.report.ToolInfo;
import io.github.migrationdelivery.engine.snapshot.ClientTools;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Takes the backup a destructive plan needs: dumps exactly what the plan can destroy, verifies the
 * archive (it lists every table and holds the rows counted at backup time; optionally restored into
 * a throw-away database), records every file's SHA-256 and writes the manifest. Everything is
 * written into a hidden staging directory that is renamed into place only once verified, so a
 * backup directory either is complete or does not exist.
 */
public final class Backup {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BackupSettings settings;

    public Backup(BackupSettings settings) {
        this.settings = settings;
    }

    /** A backup taken: its directory (holding {@value BackupManifest#FILE_NAME}) and its manifest. */
    public record Taken(Path directory, BackupManifest manifest) {
        public Path manifestFile() {
            return directory.resolve(BackupManifest.FILE_NAME);
        }
    }

    /**
     * Backs up what {@code plan} can destroy on {@code target}; empty when the plan destroys
     * nothing and {@code --whole-database} was not asked for.
     */
    public Optional<Taken> take(Plan plan, ConnectionSpec target) {
        BackupScope scope = BackupScope.of(plan);
        if (settings.wholeDatabase()) {
            scope = scope.widened();
        } else if (!scope.required()) {
            return Optional.empty();
        }
        if (target.dialect() != plan.dialect() && (target.dialect() == Dialect.POSTGRESQL || plan.dialect() == Dialect.POSTGRESQL)) {
            throw EngineException.badInput("backup: the plan is for " + plan.dialect().id() + " but the target is "
                    + target.dialect().id() + " (" + target.redacted() + ")");
        }
        Instant created = settings.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        String id = "bk-" + ID_TIME.format(created) + "-" + HexFormat.of().toHexDigits(RANDOM.nextInt());
        DialectBackup dialect = dialect(target);
        Path out = settings.out().toAbsolutePath();
        Path staging = out.resolve("." + id + ".partial");
        Path finalDir = out.resolve(id);
        try {
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw failed("backup directory " + staging + " cannot be created: " + e.getMessage());
        }
        try {
            Dumped dumped = dialect.dump(scope, staging);
            // Hashing reads the files the verification reads too: both run at once, the page cache serves the second.
            CompletableFuture<List<BackupManifest.BackupFile>> hashing = CompletableFuture.supplyAsync(() -> hash(staging, dumped.files()));
            BackupManifest.Verification verification = dialect.verify(dumped, staging, settings.verifyRestore());
            List<BackupManifest.BackupFile> files = hashing.join();
            Map<String, String> tools = new LinkedHashMap<>(dumped.tools());
            tools.put("migration-delivery", ToolInfo.current().version());
            BackupManifest manifest = new BackupManifest(id, plan.checksum(), created.toString(), target.redacted(),
                    target.dialect().id(), scope.wholeDatabase() ? BackupManifest.SCOPE_DATABASE : BackupManifest.SCOPE_TABLES,
                    files, dumped.rowCounts(), dumped.columnCopies(), dumped.absent(), verification, tools);
            Path manifestFile = staging.resolve(BackupManifest.FILE_NAME);
            Files.writeString(manifestFile, manifest.toJson(), StandardCharsets.UTF_8);
            try (var channel = java.nio.channels.FileChannel.open(manifestFile, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(staging, finalDir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw failed("backup directory " + out + " does not support an atomic rename: " + e.getMessage());
            }
            return Optional.of(new Taken(finalDir, manifest));
        } catch (IOException e) {
            removeQuietly(staging);
            throw failed("writing the backup to " + staging + " failed: " + e.getMessage());
        } catch (CompletionException e) {
            removeQuietly(staging);
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } catch (RuntimeException e) {
            removeQuietly(staging);
            throw e;
        }
    }

    private DialectBackup dialect(ConnectionSpec target) {
        if (target.dialect() == Dialect.POSTGRESQL) {
            Path pgDump = settings.pgDump().map(p -> configured(p, "backup.pgDump"))
                    .orElseGet(() -> ClientTools.find("backup", "pg_dump"));
            Path pgRestore = settings.pgRestore().map(p -> configured(p, "backup.pgRestore"))
                    .orElseGet(() -> ClientTools.find("backup", "pg_restore"));
            requireNotOlder(pgDump, target);
            requireNotOlder(pgRestore, target);
            return new PostgresBackup(target, pgDump, pgRestore);
        }
        return new MariadbBackup(target, ClientTools.find("backup", "mariadb-dump", "mysqldump"));
    }

    private static Path configured(Path program, String key) {
        if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
            throw EngineException.badInput(key + ": " + program + " is not an executable file");
        }
        return program;
    }

    /** A client older than the server writes archives that miss what the server has: the backup fails, not the input. */
    private static void requireNotOlder(Path program, ConnectionSpec target) {
        try {
            ClientTools.requireNotOlder(program, target);
        } catch (EngineException e) {
            if (e.kind() != EngineException.Kind.BAD_INPUT) {
                throw e;
            }
            throw failed("backup: " + e.getMessage());
        }
    }

    private static List<BackupManifest.BackupFile> hash(Path dir, List<String> files) {
        List<BackupManifest.BackupFile> out = new ArrayList<>();
        for (String f : files) {
            Path path = dir.resolve(f);
            try {
                out.add(new BackupManifest.BackupFile(f, Files.size(path), Sha256.of(path)));
            } catch (IOException e) {
                throw failed("reading " + path + " to hash it: " + e.getMessage());
            }
        }
        return out;
    }

    static EngineException failed(String message) {
        return new EngineException(EngineException.Kind.BACKUP_FAILED, message);
    }

    static void removeQuietly(Path dir) {
        try {
            if (!Files.exists(dir)) {
                return;
            }
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // the failure being reported matters more than a leftover hidden .partial directory
        }
    }
}

package io.github.migrationdelivery.engine.backup;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;
import io.github.migrationdelivery.engine.snapshot.Secret;
import io.github.migrationdelivery.engine.testdb.TestDatabase;
import io.github.migrationdelivery.engine.testdb.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Backups of a real PostgreSQL database: taken, verified, gated on, and a dropped column put back. */
class PostgresBackupTest {

    private static final String DESTRUCTIVE = """
            ALTER TABLE orders DROP COLUMN note;
            DROP TABLE audit_log;
            """;
    private static TestDatabase db;

    @TempDir
    Path dir;

    @BeforeAll
    static void source() {
        db = TestDatabases.create(Dialect.POSTGRESQL).run("""
                CREATE TABLE orders (id bigint PRIMARY KEY, note text, amount numeric(10,2));
                CREATE TABLE audit_log (at timestamptz NOT NULL DEFAULT now(), line text);
                CREATE TABLE untouched (id int PRIMARY KEY);
                INSERT INTO orders SELECT g, CASE WHEN g % 7 = 0 THEN NULL WHEN g % 11 = 0 THEN ''
                    ELSE 'note "' || g || E'",\\nline two' END, g / 10.0 FROM generate_series(1, 20000) g;
                INSERT INTO audit_log (line) SELECT 'line ' || g FROM generate_series(1, 3000) g;
                INSERT INTO untouched SELECT generate_series(1, 10)
                """);
    }

    @AfterAll
    static void drop() {
        if (db != null) {
            db.close();
        }
    }

    private Plan plan() {
        return Plans.of(Dialect.POSTGRESQL, dir, DESTRUCTIVE);
    }

    private BackupSettings settings() {
        return BackupSettings.in(dir.resolve("backups"));
    }

    /** The test database, reached with a password the server does not need (trust), to prove it never lands in a file. */
    private static ConnectionSpec withPassword() {
        ConnectionSpec s = db.spec();
        return new ConnectionSpec(s.dialect(), s.jdbcUrl(), s.user(), Secret.of("pw-never-written-7f3a"));
    }

    @Test
    void aDestructivePlanGetsAVerifiedBackupOfExactlyWhatItDestroys() throws IOException {
        Backup.Taken taken = new Backup(settings()).take(plan(), withPassword()).orElseThrow();
        BackupManifest m = BackupManifest.read(taken.manifestFile());

        assertThat(m.id()).matches("bk-\\d{8}T\\d{6}Z-[0-9a-f]{8}");
        assertThat(m.planChecksum()).isEqualTo(plan().checksum());
        assertThat(m.scope()).isEqualTo("tables");
        assertThat(m.rowCounts()).containsExactlyInAnyOrderEntriesOf(Map.of("public.orders", 20000L, "public.audit_log", 3000L));
        assertThat(m.verification()).isEqualTo(new BackupManifest.Verification(true, true, false));
        assertThat(m.columnCopies()).singleElement().satisfies(c -> {
            assertThat(c.table()).isEqualTo("public.orders");
            assertThat(c.keyColumns()).containsExactly("id");
            assertThat(c.rows()).isEqualTo(20000);
        });
        assertThat(m.files()).extracting(BackupManifest.BackupFile::path)
                .containsExactly("tables.dump", "columns/public.orders.note.csv.gz");
        for (BackupManifest.BackupFile f : m.files()) {
            Path file = taken.directory().resolve(f.path());
            assertThat(Files.size(file)).isEqualTo(f.sizeBytes());
            assertThat(Sha256.of(file)).isEqualTo(f.sha256());
        }
        assertThat(m.tools()).containsKeys("pg_dump", "pg_restore", "migration-delivery");
        assertThat(Files.readString(taken.manifestFile())).doesNotContain("pw-never-written-7f3a");
        try (Stream<Path> left = Files.list(dir.resolve("backups"))) {
            assertThat(left).containsExactly(taken.directory());
        }
    }

    @Test
    void verifyRestoreRestoresIntoAThrowAwayDatabaseAndComparesRows() {
        BackupManifest m = new Backup(settings().withVerifyRestore(true)).take(plan(), db.spec()).orElseThrow().manifest();
        assertThat(m.verification()).isEqualTo(new BackupManifest.Verification(true, true, true));
    }

    @Test
    void requireFreshRefusesWithoutAManifestForThisPlanTooOldOrTamperedAndAcceptsTheRightOne() throws IOException {
        Plan plan = plan();
        Path out = dir.resolve("backups");
        Clock now = Clock.systemUTC();
        assertThatThrownBy(() -> BackupManifests.requireFresh(plan, out, Duration.ofHours(24), now))
                .isInstanceOf(EngineException.class).hasMessageContaining("does not exist")
                .extracting(e -> ((EngineException) e).kind()).isEqualTo(EngineException.Kind.BACKUP_REQUIRED);

        Plan other = Plans.of(Dialect.POSTGRESQL, dir, "DROP TABLE audit_log;");
        new Backup(settings()).take(other, db.spec()).orElseThrow();
        assertThatThrownBy(() -> BackupManifests.requireFresh(plan, out, Duration.ofHours(24), now))
                .hasMessageContaining("no backup manifest for plan " + plan.checksum())
                .extracting(e -> ((EngineException) e).kind()).isEqualTo(EngineException.Kind.BACKUP_REQUIRED);

        Backup.Taken taken = new Backup(settings()).take(plan, db.spec()).orElseThrow();
        assertThat(BackupManifests.requireFresh(plan, out, Duration.ofHours(24), now)).contains(taken.manifest());
        assertThat(BackupManifests.requireFresh(plan, taken.manifestFile(), Duration.ofHours(24), now)).contains(taken.manifest());

        Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(25)), ZoneOffset.UTC);
        assertThatThrownBy(() -> BackupManifests.requireFresh(plan, out, Duration.ofHours(24), later))
                .hasMessageContaining(taken.manifest().id()).hasMessageContaining("more than the allowed 24h")
                .extracting(e -> ((EngineException) e).kind()).isEqualTo(EngineException.Kind.BACKUP_REQUIRED);

        Path unverified = Files.createDirectories(dir.resolve("unverified"));
        Files.writeString(unverified.resolve("manifest.json"), Files.readString(taken.manifestFile())
                .replace("\"rowCountsMatch\" : true", "\"rowCountsMatch\" : false"));
        assertThatThrownBy(() -> BackupManifests.requireFresh(plan, unverified, Duration.ofHours(24), now))
                .hasMessageContaining("failed its verification")
                .extracting(e -> ((EngineException) e).kind()).isEqualTo(EngineException.Kind.BACKUP_REQUIRED);

        Path archive = taken.directory().resolve("tables.dump");
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0xff);
        }
        assertThatThrownBy(() -> BackupManifests.requireFresh(plan, out, Duration.ofHours(24), now))
                .hasMessageContaining("tables.dump changed since the backup")
                .extracting(e -> ((EngineException) e).kind()).isEqualTo(EngineException.Kind.BACKUP_REQUIRED);

        Plan additive = Plans.of(Dialect.POSTGRESQL, dir, "ALTER TABLE orders ADD COLUMN memo text;");
        assertThat(BackupManifests.requireFresh(additive, dir.resolve("nowhere"), Duration.ofHours(1), now)).isEmpty();
    }

    @Test
    void aDroppedColumnComesBackFromItsCopyByPrimaryKey() throws SQLException, IOException {
        try (TestDatabase copy = TestDatabases.create(Dialect.POSTGRESQL).run("""
                CREATE TABLE orders (id bigint PRIMARY KEY, note text, amount numeric(10,2));
                INSERT INTO orders SELECT g, CASE WHEN g % 7 = 0 THEN NULL WHEN g % 11 = 0 THEN ''
                    ELSE 'note "' || g || E'",\\nline two' END, g / 10.0 FROM generate_series(1, 5000) g
                """)) {
            Plan plan = Plans.of(Dialect.POSTGRESQL, dir, "ALTER TABLE orders DROP COLUMN note;");
            Map<Long, String> before = ColumnValues.notes(copy);
            Backup.Taken taken = new Backup(settings()).take(plan, copy.spec()).orElseThrow();
            // PostgreSQL's own COPY wrote it; the reader MariaDB's restore uses must read it back exactly.
            assertThat(ColumnValues.inCopy(taken.directory().resolve(taken.manifest().columnCopies().get(0).file()))).isEqualTo(before);
            copy.run("ALTER TABLE orders DROP COLUMN note;\nUPDATE orders SET amount = amount + 1");

            ColumnRestore.Restored r = new ColumnRestore(taken.manifestFile(), "orders", "note").into(copy.spec());

            assertThat(r.columnAdded()).isTrue();
            assertThat(r.rowsInCopy()).isEqualTo(5000);
            assertThat(r.rowsUpdated()).isEqualTo(5000);
            assertThat(ColumnValues.notes(copy)).isEqualTo(before);
            assertThat(before.values()).contains(null, "");
        }
    }

    @Test
    void aClientOlderThanTheServerFailsTheBackupAndLeavesNothing() throws IOException {
        Path fake = script("old-pg_dump", "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n");
        assertThatThrownBy(() -> new Backup(settings().withPgDump(Optional.of(fake))).take(plan(), db.spec()))
                .hasMessageContaining("is PostgreSQL 9, older than the server (15")
                .extracting(e -> ((EngineException) e).kind()).isEqualTo(EngineException.Kind.BACKUP_FAILED);
        assertThat(dir.resolve("backups")).doesNotExist();
    }

    /**
     * A disk that fills up mid-dump, as pg_dump sees it: a write that fails. Without root, and with
     * no loop device, the file-size limit (ulimit -f) is the fault that can be made here; pg_dump
     * reports it exactly as it reports ENOSPC.
     */
    @Test
    void aWriteFailureMidDumpFailsTheBackupNamingThePathAndRemovesThePartialDirectory() throws IOException {
        Path real = Path.of(io.github.migrationdelivery.engine.snapshot.ClientTools.find("test", "pg_dump").toString());
        Path limited = script("full-disk-pg_dump", "#!/bin/bash\nif [ \"$1\" = --version ]; then exec " + real + " --version; fi\n"
                + "trap '' XFSZ\nulimit -f 16\nexec " + real + " \"$@\"\n");
        assertThatThrownBy(() -> new Backup(settings().withPgDump(Optional.of(limited))).take(plan(), db.spec()))
                .hasMessageContaining(dir.resolve("backups").toString())
                .hasMessageContaining("pg_dump")
                .extracting(e -> ((EngineException) e).kind()).isEqualTo(EngineException.Kind.BACKUP_FAILED);
        try (Stream<Path> left = Files.list(dir.resolve("backups"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aRefusedLoginIsAnAuthenticationFailure() {
        ConnectionSpec s = db.spec();
        ConnectionSpec wrong = new ConnectionSpec(s.dialect(), s.jdbcUrl(), "no_such_role_md", Secret.of("x"));
        assertThatThrownBy(() -> new Backup(settings()).take(plan(), wrong))
                .extracting(e -> ((EngineException) e).kind()).isEqualTo(EngineException.Kind.AUTHENTICATION);
    }

    private Path script(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}

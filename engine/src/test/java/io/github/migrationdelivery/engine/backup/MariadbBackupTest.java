package io.github.migrationdelivery.engine.backup;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;
import io.github.migrationdelivery.engine.snapshot.Secret;
import io.github.migrationdelivery.engine.testdb.TestDatabase;
import io.github.migrationdelivery.engine.testdb.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Table backups of a real MariaDB database, checked from the archive and by a restore round trip. */
class MariadbBackupTest {

    @TempDir
    Path dir;

    @Test
    void tableBackupRoundTrip() {
        try (TestDatabase db = TestDatabases.create(Dialect.MARIADB).run("""
                CREATE TABLE orders (id bigint PRIMARY KEY, note varchar(200), body blob);
                CREATE TABLE sessions (id int PRIMARY KEY, token varchar(40));
                CREATE TABLE untouched (id int PRIMARY KEY);
                INSERT INTO orders SELECT seq, CASE WHEN seq % 5 = 0 THEN NULL ELSE CONCAT('it''s (', seq, '), "q"\\n') END,
                    UNHEX('00FF28') FROM seq_1_to_4000;
                INSERT INTO sessions SELECT seq, MD5(seq) FROM seq_1_to_700;
                INSERT INTO untouched VALUES (1)
                """)) {
            Plan plan = Plans.of(Dialect.MARIADB, dir, "ALTER TABLE orders DROP COLUMN note;\nTRUNCATE TABLE sessions;");
            String database = db.name();
            Map<String, Long> expected = Map.of(database + ".orders", 4000L, database + ".sessions", 700L);

            BackupManifest fromArchive = new Backup(BackupSettings.in(dir.resolve("a"))).take(plan, db.spec()).orElseThrow().manifest();
            assertThat(fromArchive.rowCounts()).containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(fromArchive.verification()).isEqualTo(new BackupManifest.Verification(true, true, false));
            assertThat(fromArchive.files()).extracting(BackupManifest.BackupFile::path)
                    .containsExactly("tables.sql", "columns/" + database + ".orders.note.csv.gz");
            assertThat(fromArchive.tools()).containsKey("mariadb-dump");

            BackupManifest restored = new Backup(BackupSettings.in(dir.resolve("b")).withVerifyRestore(true))
                    .take(plan, db.spec()).orElseThrow().manifest();
            assertThat(restored.rowCounts()).containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(restored.verification().restoreTested()).isTrue();
            assertThat(BackupManifests.requireFresh(plan, dir.resolve("b"), Duration.ofMinutes(5), Clock.systemUTC()))
                    .contains(restored);
        }
    }

    @Test
    void aDroppedColumnComesBackFromItsCopyByPrimaryKey() throws SQLException, IOException {
        try (TestDatabase db = TestDatabases.create(Dialect.MARIADB).run("""
                CREATE TABLE orders (id bigint PRIMARY KEY, note varchar(100) CHARACTER SET utf8mb4, amount decimal(10,2));
                CREATE TABLE audit (at int, note varchar(10));
                INSERT INTO orders SELECT seq, CASE WHEN seq % 7 = 0 THEN NULL WHEN seq % 11 = 0 THEN ''
                    WHEN seq % 13 = 0 THEN 'Zürich ☃ 東京' ELSE CONCAT('note "', seq, '",\nline two') END, seq / 10.0
                    FROM seq_1_to_2500
                """)) {
            Plan plan = Plans.of(Dialect.MARIADB, dir, "ALTER TABLE orders DROP COLUMN note;\nALTER TABLE audit DROP COLUMN note;");
            Map<Long, String> before = ColumnValues.notes(db);
            Backup.Taken taken = new Backup(BackupSettings.in(dir.resolve("d"))).take(plan, db.spec()).orElseThrow();

            String file = "columns/" + db.name() + ".orders.note.csv.gz";
            assertThat(taken.manifest().columnCopies()).singleElement().satisfies(c -> {
                assertThat(c.table()).isEqualTo(db.name() + ".orders");
                assertThat(c.keyColumns()).containsExactly("id");
                assertThat(c.type()).startsWith("varchar(100) CHARACTER SET utf8mb4");
                assertThat(c.file()).isEqualTo(file);
                assertThat(c.rows()).isEqualTo(2500);
            });
            assertThat(taken.manifest().files()).extracting(BackupManifest.BackupFile::path).containsExactly("tables.sql", file);
            assertThat(taken.manifest().absent()).singleElement().asString().contains("audit.note", "no primary key");

            assertThat(ColumnValues.inCopy(taken.directory().resolve(file))).isEqualTo(before);
            db.run("ALTER TABLE orders DROP COLUMN note;\nUPDATE orders SET amount = amount + 1");
            ColumnRestore.Restored r = new ColumnRestore(taken.manifestFile(), "orders", "note").into(db.spec());

            assertThat(r.columnAdded()).isTrue();
            assertThat(r.rowsInCopy()).isEqualTo(2500);
            assertThat(r.rowsUpdated()).isEqualTo(2500);
            assertThat(ColumnValues.notes(db)).isEqualTo(before);
            assertThat(before.values()).contains(null, "", "Zürich ☃ 東京", "note \"1\",\nline two");
        }
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailure() {
        ConnectionSpec s = TestDatabases.server(Dialect.MARIADB);
        ConnectionSpec wrong = new ConnectionSpec(s.dialect(), s.withDatabase("mysql").jdbcUrl(), "root", Secret.of("wrong-pw"));
        Plan plan = Plans.of(Dialect.MARIADB, dir, "DROP TABLE user;");
        assertThatThrownBy(() -> new Backup(BackupSettings.in(dir.resolve("c"))).take(plan, wrong))
                .isInstanceOf(EngineException.class).hasMessageNotContaining("wrong-pw")
                .extracting(e -> ((EngineException) e).kind()).isEqualTo(EngineException.Kind.AUTHENTICATION);
        assertThat(dir.resolve("c")).isEmptyDirectory();
    }
}

package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.testdb.TestDatabase;
import io.github.migrationdelivery.engine.testdb.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * MariaDB snapshots against the local server. The source has 200,000 rows: the copy goes through
 * mariadb-dump | mysql, whose cost is linear in rows; this size proves the path in seconds.
 */
class MariadbSnapshotsTest {

    private static final String USER = "md_snap_test";
    private static final String PASSWORD = "S3cret-pw-not-in-output";
    private static TestDatabase source;

    @BeforeAll
    static void buildSource() {
        source = TestDatabases.create(Dialect.MARIADB).run("""
                CREATE TABLE customers (id int PRIMARY KEY, email varchar(100) NOT NULL UNIQUE) ENGINE=InnoDB;
                CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL, status varchar(10) NOT NULL,
                    CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)) ENGINE=InnoDB;
                INSERT INTO customers SELECT seq, concat('c', seq, '@example.com') FROM seq_1_to_1000;
                INSERT INTO orders SELECT seq, 1 + seq % 1000, 'new' FROM seq_1_to_200000
                """);
        Databases.execute(TestDatabases.server(Dialect.MARIADB), "DROP USER IF EXISTS '" + USER + "'@'127.0.0.1'");
        Databases.execute(TestDatabases.server(Dialect.MARIADB),
                "CREATE USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD + "'");
        Databases.execute(TestDatabases.server(Dialect.MARIADB),
                "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'127.0.0.1'");
    }

    @AfterAll
    static void dropSource() {
        Databases.execute(TestDatabases.server(Dialect.MARIADB), "DROP USER IF EXISTS '" + USER + "'@'127.0.0.1'");
        if (source != null) {
            source.close();
        }
    }

    @RegisterExtension
    final NothingLeftBehind nothingLeftBehind = new NothingLeftBehind(Dialect.MARIADB);

    private static String url(String userInfo) {
        return "jdbc:mariadb://" + userInfo + "127.0.0.1:3306/" + source.name();
    }

    @Test
    void jdbcUrlIsCopiedWithKeysAndTheSourceStaysUntouched() throws SQLException {
        String name;
        try (Snapshot s = Snapshots.provider(url(""), Dialect.MARIADB, SnapshotOptions.of(Map.of())).open()) {
            name = s.connection().database();
            assertThat(name).startsWith("md_dryrun_");
            assertThat(Databases.count(s.connection(), "SELECT count(*) FROM orders")).isEqualTo(200_000);
            assertThat(Databases.count(s.connection(), "SELECT count(*) FROM information_schema.REFERENTIAL_CONSTRAINTS"
                    + " WHERE CONSTRAINT_SCHEMA = '" + name + "' AND CONSTRAINT_NAME = 'orders_customer'")).isEqualTo(1);
            try (Connection c = TestDatabases.connect(s.connection())) {
                c.createStatement().execute("ALTER TABLE orders ADD COLUMN extra int, ALGORITHM=INSTANT");
                c.createStatement().execute("DELETE FROM orders WHERE id > 100");
            }
        }
        assertThat(Databases.exists(Dialect.MARIADB, name)).isFalse();
        assertThat(Databases.count(source.spec(), "SELECT count(*) FROM orders")).isEqualTo(200_000);
        assertThat(Databases.count(source.spec(), "SELECT count(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                + source.name() + "' AND COLUMN_NAME = 'extra'")).isZero();
    }

    @Test
    void inPlaceUsesTheDatabaseAndDropsNothing() throws SQLException {
        try (Snapshot s = Snapshots.provider(url(""), Dialect.MARIADB, SnapshotOptions.of(Map.of()).withInPlace(true)).open()) {
            assertThat(s.connection().database()).isEqualTo(source.name());
        }
        assertThat(Databases.exists(Dialect.MARIADB, source.name())).isTrue();
    }

    @Test
    void passwordFromUserInfoWorksAndNeverShows() throws SQLException {
        try (Snapshot s = Snapshots.provider(url(USER + ":" + PASSWORD + "@"), Dialect.MARIADB,
                SnapshotOptions.of(Map.of())).open()) {
            assertThat(Databases.count(s.connection(), "SELECT count(*) FROM customers")).isEqualTo(1000);
            assertThat(s.connection().jdbcUrl()).doesNotContain(PASSWORD);
            assertThat(s.connection().user()).isEqualTo(USER);
            assertThat(s.description()).doesNotContain(PASSWORD);
            assertThat(s.connection().redacted()).doesNotContain(PASSWORD);
            assertThat(s.connection().toString()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void passwordFromEnvironmentAndFile(@TempDir Path dir) throws Exception {
        try (Snapshot s = Snapshots.provider(url(USER + "@"), Dialect.MARIADB,
                SnapshotOptions.of(Map.of("MD_DB_PASSWORD", PASSWORD)).withInPlace(true)).open()) {
            assertThat(s.connection().password().reveal()).isEqualTo(PASSWORD);
        }
        Path file = Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
        try (Snapshot s = Snapshots.provider(url(USER + "@"), Dialect.MARIADB,
                SnapshotOptions.of(Map.of()).withPasswordFile(file).withInPlace(true)).open()) {
            assertThat(s.connection().password().reveal()).isEqualTo(PASSWORD);
        }
    }

    @Test
    void wrongPasswordIsAuthenticationKindAndNeverEchoed() {
        String wrong = "Wr0ng-pw-never-echoed";
        assertThatThrownBy(() -> Snapshots.provider(url(USER + ":" + wrong + "@"), Dialect.MARIADB,
                SnapshotOptions.of(Map.of())).open())
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.kind()).isEqualTo(EngineException.Kind.AUTHENTICATION);
                    assertThat(e.oneLine()).contains("Access denied", USER).doesNotContain(wrong).doesNotContain("\n");
                    assertThat(e.toString()).doesNotContain(wrong);
                });
    }

    @Test
    void sqlDumpRestoresIntoTheGivenServer(@TempDir Path dir) throws Exception {
        Path dump = dir.resolve("source.sql");
        Process p = new ProcessBuilder("mariadb-dump", "--host=127.0.0.1", "--user=root", "--single-transaction",
                source.name()).redirectOutput(dump.toFile()).start();
        assertThat(p.waitFor()).isZero();
        try (Snapshot s = Snapshots.provider("dump:" + dump + "?server=jdbc:mariadb://127.0.0.1:3306/", Dialect.MARIADB,
                SnapshotOptions.of(Map.of())).open()) {
            assertThat(Databases.count(s.connection(), "SELECT count(*) FROM orders")).isEqualTo(200_000);
        }
        assertThatThrownBy(() -> Snapshots.provider("dump:" + dump, Dialect.MARIADB, SnapshotOptions.of(Map.of())))
                .isInstanceOfSatisfying(EngineException.class, e ->
                        assertThat(e.oneLine()).contains("?server=jdbc:mariadb://"));
    }
}

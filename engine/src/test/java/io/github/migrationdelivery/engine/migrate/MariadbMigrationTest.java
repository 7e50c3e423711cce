package io.github.migrationdelivery.engine.migrate;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.ServerVersion;
import io.github.migrationdelivery.engine.source.PlanReader;
import io.github.migrationdelivery.engine.testdb.TestDatabase;
import io.github.migrationdelivery.engine.testdb.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.github.migrationdelivery.engine.migrate.PostgresMigrationTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The basics on MariaDB: both histories written, a re-run applies nothing, a held metadata lock times out and is retried. */
class MariadbMigrationTest {

    @TempDir
    Path dir;

    @Test
    void liquibaseAndFlywayProjectsAreAppliedOnceAndRecorded() throws Exception {
        Path changelog = dir.resolve("changelog.sql");
        Files.writeString(changelog, "--liquibase formatted sql\n--changeset ann:1\nCREATE TABLE items (id INT PRIMARY KEY);\n"
                + "--changeset ann:2\nALTER TABLE items ADD COLUMN name VARCHAR(40);\n");
        Path flyway = Files.createDirectories(dir.resolve("sql"));
        Files.writeString(flyway.resolve("V1__create_things.sql"), "CREATE TABLE things (id INT PRIMARY KEY);\n");
        try (TestDatabase db = TestDatabases.create(Dialect.MARIADB)) {
            List<String> log = new ArrayList<>();
            Migration m = new Migration(MigrateSettings.defaults(), List.of(), log::add);
            assertThat(m.run(read(changelog), db.spec()).applied()).containsExactly("1::ann", "2::ann");
            assertThat(m.run(read(flyway), db.spec()).applied()).containsExactly("1");
            assertThat(rows(db, "SELECT ID, AUTHOR, EXECTYPE, ORDEREXECUTED FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED"))
                    .containsExactly(List.of("1", "ann", "EXECUTED", "1"), List.of("2", "ann", "EXECUTED", "2"));
            assertThat(rows(db, "SELECT MD5SUM FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED"))
                    .containsExactly(List.of(read(changelog).changesets().get(0).checksum()), List.of(read(changelog).changesets().get(1).checksum()));
            assertThat(rows(db, "SELECT installed_rank, version, description, script, success FROM flyway_schema_history"))
                    .containsExactly(List.of("1", "1", "create things", "V1__create_things.sql", "1"));

            MigrationResult again = m.run(read(changelog), db.spec());
            assertThat(again.applied()).isEmpty();
            assertThat(log).contains("2 of 2 changesets already applied: 1::ann, 2::ann");
        }
    }

    @Test
    void aMetadataLockHeldByAnOpenTransactionEndsInLockTimeout() throws Exception {
        Files.writeString(dir.resolve("V1__create_items.sql"), "CREATE TABLE items (id INT PRIMARY KEY);\n");
        Files.writeString(dir.resolve("V2__add_name.sql"), "ALTER TABLE items ADD COLUMN name VARCHAR(40);\n");
        try (TestDatabase db = TestDatabases.create(Dialect.MARIADB)) {
            Plan plan = read(dir);
            MigrateSettings settings = new MigrateSettings(Duration.ofSeconds(1), Duration.ofMinutes(1), 1, Duration.ofMillis(100),
                    Optional.empty());
            List<String> log = new ArrayList<>();
            new Migration(settings, List.of(), log::add).run(new Plan(plan.dialect(), plan.changesets().subList(0, 1)), db.spec());
            try (Connection holder = db.connect()) {
                holder.setAutoCommit(false);
                holder.createStatement().executeQuery("SELECT * FROM items").close();
                assertThatThrownBy(() -> new Migration(settings, List.of(), log::add).run(plan, db.spec()))
                        .isInstanceOfSatisfying(EngineException.class, e -> {
                            assertThat(e.kind()).isEqualTo(EngineException.Kind.LOCK_TIMEOUT);
                            assertThat(e.oneLine()).contains("after 2 attempts").contains("V2__add_name.sql:1");
                        });
                holder.rollback();
            }
            assertThat(log).anyMatch(l -> l.startsWith("lock timeout (1000 ms) on attempt 1/2 of 2"));
        }
    }

    private static Plan read(Path path) {
        return new PlanReader(Dialect.MARIADB, ServerVersion.parse("10.11"), Set.of(), Set.of()).read(List.of(path));
    }
}

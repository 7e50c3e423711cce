package io.github.migrationdelivery.engine.migrate;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.ServerVersion;
import io.github.migrationdelivery.engine.source.PlanReader;
import io.github.migrationdelivery.engine.testdb.TestDatabase;
import io.github.migrationdelivery.engine.testdb.TestDatabases;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** migrate against the local PostgreSQL: history rows as the tools write them, resume, retries, repairs and locks. */
class PostgresMigrationTest {

    @TempDir
    Path dir;

    private final List<String> log = new CopyOnWriteArrayList<>();

    private static MigrateSettings fast(Duration lockTimeout, int retries) {
        return new MigrateSettings(lockTimeout, Duration.ofMinutes(1), retries, Duration.ofMillis(100), Optional.empty());
    }

    private Migration migration(MigrateSettings settings) {
        return new Migration(settings, List.of(), log::add);
    }

    @Test
    void theExampleChangelogGetsTheRowsLiquibasesOwnUpdateWrites() throws Exception {
        // Both tools read the changelog by the same relative path, as a user runs them from the project root.
        Path copy = Path.of("target", "migrate-example-" + System.nanoTime());
        copyTree(Path.of("..", "examples", "orders-service", "db"), copy);
        Path changelog = copy.resolve("changelog.xml");
        try (TestDatabase ours = TestDatabases.create(Dialect.POSTGRESQL);
             TestDatabase theirs = TestDatabases.create(Dialect.POSTGRESQL)) {
            Plan plan = read(changelog);
            MigrationResult first = migration(MigrateSettings.defaults()).run(plan, ours.spec());
            assertThat(first.applied()).hasSize(plan.changesets().size());
            assertThat(first.alreadyApplied()).isEmpty();

            liquibaseUpdate(theirs, changelog);
            String columns = "ID, AUTHOR, FILENAME, MD5SUM, EXECTYPE, ORDEREXECUTED, COMMENTS";
            assertThat(rows(ours, "SELECT " + columns + " FROM databasechangelog ORDER BY ORDEREXECUTED"))
                    .isEqualTo(rows(theirs, "SELECT " + columns + " FROM databasechangelog ORDER BY ORDEREXECUTED"))
                    .hasSize(plan.changesets().size());
            assertThat(rows(ours, "SELECT column_name FROM information_schema.columns WHERE table_name = 'customers' ORDER BY 1"))
                    .isEqualTo(rows(theirs, "SELECT column_name FROM information_schema.columns WHERE table_name = 'customers' ORDER BY 1"));

            log.clear();
            MigrationResult again = migration(MigrateSettings.defaults()).run(plan, ours.spec());
            assertThat(again.applied()).isEmpty();
            assertThat(again.alreadyApplied()).hasSize(plan.changesets().size());
            assertThat(log).anyMatch(l -> l.startsWith(plan.changesets().size() + " of " + plan.changesets().size()
                    + " changesets already applied: 1.0-customers::orders-team, 1.0-orders::orders-team"));
            // And Liquibase itself agrees that nothing is left to run on our target.
            liquibaseUpdate(ours, changelog);
            assertThat(rows(ours, "SELECT count(*) FROM databasechangelog")).containsExactly(List.of(String.valueOf(plan.changesets().size())));
            assertThat(rows(ours, "SELECT locked FROM databasechangeloglock")).containsExactly(List.of("f"));
        } finally {
            deleteTree(copy);
        }
    }

    @Test
    void flywayScriptsAreRecordedInFlywaysFormatAndSkippedOnTheNextRun() throws Exception {
        write("V1__create_items.sql", "CREATE TABLE items (id bigint PRIMARY KEY, name text);");
        write("V2__add_price.sql", "ALTER TABLE items ADD COLUMN price numeric;");
        try (TestDatabase db = TestDatabases.create(Dialect.POSTGRESQL)) {
            Plan plan = read(dir);
            migration(MigrateSettings.defaults()).run(plan, db.spec());
            assertThat(rows(db, "SELECT installed_rank, version, description, type, script, checksum, installed_by, success"
                    + " FROM flyway_schema_history ORDER BY installed_rank")).containsExactly(
                    List.of("1", "1", "create items", "SQL", "V1__create_items.sql", plan.changesets().get(0).checksum(), "postgres", "t"),
                    List.of("2", "2", "add price", "SQL", "V2__add_price.sql", plan.changesets().get(1).checksum(), "postgres", "t"));

            write("V3__add_stock.sql", "ALTER TABLE items ADD COLUMN stock int;");
            log.clear();
            MigrationResult next = migration(MigrateSettings.defaults()).run(read(dir), db.spec());
            assertThat(next.alreadyApplied()).containsExactly("1", "2");
            assertThat(next.applied()).containsExactly("3");
            assertThat(log.get(0)).isEqualTo("2 of 3 changesets already applied: 1, 2");
        }
    }

    @Test
    void aChangedAppliedScriptIsRefusedBeforeAnythingRuns() throws Exception {
        write("V1__create_items.sql", "CREATE TABLE items (id bigint PRIMARY KEY);");
        try (TestDatabase db = TestDatabases.create(Dialect.POSTGRESQL)) {
            migration(MigrateSettings.defaults()).run(read(dir), db.spec());
            write("V1__create_items.sql", "CREATE TABLE items (id bigint PRIMARY KEY, name text);");
            write("V2__more.sql", "CREATE TABLE more (id int);");
            assertThatThrownBy(() -> migration(MigrateSettings.defaults()).run(read(dir), db.spec()))
                    .isInstanceOfSatisfying(EngineException.class, e -> {
                        assertThat(e.kind()).isEqualTo(EngineException.Kind.BAD_INPUT);
                        assertThat(e.oneLine()).contains("V1__create_items.sql").contains("was applied with checksum");
                    });
            assertThat(rows(db, "SELECT to_regclass('more') IS NULL")).containsExactly(List.of("t"));
        }
    }

    @Test
    void aLockHeldForAWhileIsWaitedOutWithRetries() throws Exception {
        write("V1__create_items.sql", "CREATE TABLE items (id bigint PRIMARY KEY);");
        write("V2__add_name.sql", "ALTER TABLE items ADD COLUMN name text;");
        try (TestDatabase db = TestDatabases.create(Dialect.POSTGRESQL)) {
            migration(MigrateSettings.defaults()).run(firstOnly(read(dir)), db.spec());
            try (Connection holder = db.connect()) {
                holder.setAutoCommit(false);
                holder.createStatement().execute("LOCK TABLE items IN ACCESS EXCLUSIVE MODE");
                Thread release = new Thread(() -> {
                    sleep(1500);
                    try {
                        holder.commit();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                release.start();
                MigrationResult r = migration(fast(Duration.ofMillis(300), 8)).run(read(dir), db.spec());
                release.join();
                assertThat(r.applied()).containsExactly("2");
                assertThat(r.retries()).isGreaterThanOrEqualTo(1);
            }
            assertThat(log).anyMatch(l -> l.startsWith("lock timeout (300 ms) on attempt 1/9 of 2 at ")
                    && l.contains("V2__add_name.sql:1") && l.contains("retrying in"));
            assertThat(rows(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'name'"))
                    .containsExactly(List.of("1"));
        }
    }

    @Test
    void aLockNeverReleasedEndsWithLockTimeoutNamingTheHolder() throws Exception {
        write("V1__create_items.sql", "CREATE TABLE items (id bigint PRIMARY KEY);");
        write("V2__add_name.sql", "ALTER TABLE items ADD COLUMN name text;");
        try (TestDatabase db = TestDatabases.create(Dialect.POSTGRESQL)) {
            migration(MigrateSettings.defaults()).run(firstOnly(read(dir)), db.spec());
            try (Connection holder = db.connect()) {
                holder.createStatement().execute("SET application_name = 'nightly-report'");
                holder.setAutoCommit(false);
                holder.createStatement().execute("LOCK TABLE items IN ACCESS EXCLUSIVE MODE");
                assertThatThrownBy(() -> migration(fast(Duration.ofMillis(200), 2)).run(read(dir), db.spec()))
                        .isInstanceOfSatisfying(EngineException.class, e -> {
                            assertThat(e.kind()).isEqualTo(EngineException.Kind.LOCK_TIMEOUT);
                            assertThat(e.oneLine()).contains("after 3 attempts").contains("V2__add_name.sql:1")
                                    .contains("application 'nightly-report'").contains("LOCK TABLE items")
                                    .doesNotContain("\n");
                        });
                holder.rollback();
            }
            assertThat(log).filteredOn(l -> l.startsWith("lock timeout")).hasSize(2);
            assertThat(rows(db, "SELECT version FROM flyway_schema_history")).containsExactly(List.of("1"));
        }
    }

    @Test
    void aFailedConcurrentIndexLeavesNoInvalidIndexAndIsBuiltOnTheNextRun() throws Exception {
        write("V1__create_items.sql", "CREATE TABLE items (id bigint PRIMARY KEY, code text);\n"
                + "INSERT INTO items VALUES (1, 'a'), (2, 'a');");
        write("V2__unique_code.sql", "-- md:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY items_code_key ON items (code);");
        try (TestDatabase db = TestDatabases.create(Dialect.POSTGRESQL)) {
            Plan plan = read(dir);
            assertThat(plan.changesets().get(1).transactional()).isFalse();
            assertThatThrownBy(() -> migration(MigrateSettings.defaults()).run(plan, db.spec()))
                    .isInstanceOfSatisfying(EngineException.class, e -> {
                        assertThat(e.kind()).isEqualTo(EngineException.Kind.INCOMPLETE);
                        assertThat(e.oneLine()).contains("changeset 2 failed at ").contains("V2__unique_code.sql:2")
                                .contains("could not create unique index").contains("applied by this run: 1");
                    });
            assertThat(log).anyMatch(l -> l.startsWith("dropped INVALID index items_code_key"));
            assertThat(rows(db, "SELECT count(*) FROM pg_class WHERE relname = 'items_code_key'")).containsExactly(List.of("0"));

            // A killed run leaves the same INVALID index behind; the next run drops it before building it.
            db.run("UPDATE items SET code = 'b' WHERE id = 2");
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO items VALUES (3, 'b')");
                try {
                    s.execute("CREATE UNIQUE INDEX CONCURRENTLY items_code_key ON items (code)");
                } catch (SQLException expected) {
                    // leaves the INVALID index, as a kill mid-build does
                }
                s.execute("DELETE FROM items WHERE id = 3");
            }
            assertThat(rows(db, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'items_code_key'::regclass")).containsExactly(List.of("f"));
            log.clear();
            MigrationResult r = migration(MigrateSettings.defaults()).run(plan, db.spec());
            assertThat(r.applied()).containsExactly("2");
            assertThat(log.get(1)).startsWith("dropped INVALID index items_code_key");
            assertThat(rows(db, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'items_code_key'::regclass")).containsExactly(List.of("t"));
        }
    }

    @Test
    void aHeldLiquibaseLockIsNamedAndReleasedOnlyWhenOlderThanAsked() throws Exception {
        Path changelog = dir.resolve("changelog.sql");
        Files.writeString(changelog, "--liquibase formatted sql\n--changeset ann:1\nCREATE TABLE items (id int);\n");
        try (TestDatabase db = TestDatabases.create(Dialect.POSTGRESQL)) {
            migration(MigrateSettings.defaults()).run(read(changelog), db.spec());
            db.run("UPDATE databasechangeloglock SET locked = true, lockedby = 'ci-runner-7 (10.0.0.7)',"
                    + " lockgranted = LOCALTIMESTAMP - interval '2 hours'");
            Files.writeString(changelog, "\n--changeset ann:2\nCREATE TABLE more (id int);\n", java.nio.file.StandardOpenOption.APPEND);
            Plan plan = read(changelog);
            assertThatThrownBy(() -> migration(MigrateSettings.defaults()).run(plan, db.spec()))
                    .isInstanceOfSatisfying(EngineException.class, e -> {
                        assertThat(e.kind()).isEqualTo(EngineException.Kind.LOCKED);
                        assertThat(e.oneLine()).contains("held by 'ci-runner-7 (10.0.0.7)' since ").contains("--release-stale-lock");
                    });
            MigrateSettings threeHours = new MigrateSettings(Duration.ofSeconds(2), Duration.ofMinutes(1), 0,
                    Duration.ofMillis(100), Optional.of(Duration.ofHours(3)));
            assertThatThrownBy(() -> migration(threeHours).run(plan, db.spec()))
                    .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.oneLine()).contains("so it stays"));
            MigrateSettings oneHour = new MigrateSettings(Duration.ofSeconds(2), Duration.ofMinutes(1), 0,
                    Duration.ofMillis(100), Optional.of(Duration.ofHours(1)));
            assertThat(migration(oneHour).run(plan, db.spec()).applied()).containsExactly("2::ann");
            assertThat(rows(db, "SELECT locked FROM databasechangeloglock")).containsExactly(List.of("f"));
        }
    }

    @Test
    void aSecondMigrationOfTheSameDatabaseIsRefusedWhileTheFirstRuns() throws Exception {
        write("V1__create_items.sql", "CREATE TABLE items (id bigint PRIMARY KEY);");
        try (TestDatabase db = TestDatabases.create(Dialect.POSTGRESQL); Connection first = db.connect()) {
            first.createStatement().execute("SET application_name = 'migration-delivery migrate'");
            first.createStatement().execute("SELECT pg_advisory_lock(28004, 1)");
            assertThatThrownBy(() -> migration(MigrateSettings.defaults()).run(read(dir), db.spec()))
                    .isInstanceOfSatisfying(EngineException.class, e -> {
                        assertThat(e.kind()).isEqualTo(EngineException.Kind.LOCKED);
                        assertThat(e.oneLine()).contains("another migration of").contains("application 'migration-delivery migrate'");
                    });
        }
    }

    @Test
    void preconditionsRunBeforeTheTargetIsTouched() throws Exception {
        write("V1__create_items.sql", "CREATE TABLE items (id bigint PRIMARY KEY);");
        try (TestDatabase db = TestDatabases.create(Dialect.POSTGRESQL)) {
            List<String> checked = new ArrayList<>();
            Precondition approved = (plan, target) -> checked.add(plan.checksum() + " " + target.database());
            Precondition refuses = (plan, target) -> {
                throw new EngineException(EngineException.Kind.NOT_APPROVED, "no approval for " + plan.checksum());
            };
            Plan plan = read(dir);
            assertThatThrownBy(() -> new Migration(MigrateSettings.defaults(), List.of(approved, refuses), null).run(plan, db.spec()))
                    .isInstanceOfSatisfying(EngineException.class, e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.NOT_APPROVED));
            assertThat(checked).containsExactly(plan.checksum() + " " + db.name());
            assertThat(rows(db, "SELECT to_regclass('flyway_schema_history') IS NULL")).containsExactly(List.of("t"));
        }
    }

    private static Plan firstOnly(Plan plan) {
        return new Plan(plan.dialect(), plan.changesets().subList(0, 1));
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(dir.resolve(name), sql + "\n");
    }

    private static Plan read(Path path) {
        return new PlanReader(Dialect.POSTGRESQL, ServerVersion.parse("15"), Set.of(), Set.of()).read(List.of(path));
    }

    static List<List<String>> rows(TestDatabase db, String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    private static void liquibaseUpdate(TestDatabase db, Path changelog) throws Exception {
        try (Connection c = db.connect()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(Path.of("").toAbsolutePath())), () ->
                    new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog.toString().replace('\\', '/'))
                            .execute());
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

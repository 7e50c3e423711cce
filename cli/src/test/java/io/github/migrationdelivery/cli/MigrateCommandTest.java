package io.github.migrationdelivery.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** migrate and assert-safe-down end to end: a killed run resumed, a held lock, a refused login, the rollback gate. */
class MigrateCommandTest {

    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aRunKilledMidPlanIsResumedAfterTheLastCommittedChangeset() throws Exception {
        write("V1__create_items.sql", "CREATE TABLE items (id bigint PRIMARY KEY);\nCREATE TABLE slow (on_purpose boolean);\nINSERT INTO slow VALUES (true);");
        write("V2__seed.sql", "INSERT INTO items VALUES (1);");
        // Sleeps only while the switch row is there: the resumed run finds it gone.
        write("V3__slow.sql", "SELECT pg_sleep(CASE WHEN EXISTS (SELECT 1 FROM slow) THEN 30 ELSE 0 END);\nINSERT INTO items VALUES (3);");
        write("V4__more.sql", "INSERT INTO items VALUES (4);");
        write("V5__name.sql", "ALTER TABLE items ADD COLUMN name text;");
        String db = createDatabase();
        try {
            Process child = CliRuns.child("migrate", dir.toString(), "--target", PG + db).redirectErrorStream(true).start();
            List<String> before = new ArrayList<>();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    before.add(line);
                    if (line.startsWith("migrate: applied 2/5 2 ")) {
                        break;
                    }
                }
                waitUntil(() -> count(db, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND query LIKE 'SELECT pg_sleep%' AND state = 'active'") == 1);
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(before).anyMatch(l -> l.startsWith("migrate: applied 1/5 1 "));
            // client_connection_check_interval ends the orphaned backend within about a second.
            waitUntil(() -> count(db, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND application_name = 'migration-delivery migrate'") == 0);
            assertThat(count(db, "SELECT count(*) FROM flyway_schema_history")).isEqualTo(2);

            exec(db, "DELETE FROM slow");
            Run resumed = run("migrate", dir.toString(), "--target", PG + db);
            assertThat(resumed.exit()).as(resumed.err()).isZero();
            assertThat(resumed.out()).contains("migrate: 2 of 5 changesets already applied: 1, 2")
                    .contains("migrate: applied 3/5 3 ").contains("migrate: applied 5/5 5 ")
                    .contains("migrate: applied 3 of 5 changesets to postgres @ " + PG + db);
            assertThat(count(db, "SELECT count(*) FROM items")).isEqualTo(3); // 1 once, 3, 4: nothing applied twice
            assertThat(count(db, "SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo(5);
        } finally {
            dropDatabase(db);
        }
    }

    @Test
    void aDestructivePlanNeedsItsApprovalsAndAFreshBackupBeforeAnythingRuns() throws Exception {
        String db = createDatabase();
        try {
            exec(db, "CREATE TABLE items (id bigint PRIMARY KEY, legacy text)");
            exec(db, "INSERT INTO items VALUES (1, 'keep me')");
            Path plan = Files.createDirectories(dir.resolve("plan"));
            Files.writeString(plan.resolve("V1__drop_legacy.sql"), "ALTER TABLE items DROP COLUMN legacy;\n");
            Path config = dir.resolve("config.yml");
            Files.writeString(config, "approval:\n  approvers: [alice, bob]\n  auditLog: " + dir.resolve("audit.jsonl") + "\n");
            Path backups = dir.resolve("backups");
            String[] migrate = {"migrate", plan.toString(), "--target", PG + db, "--config", config.toString(),
                    "--backup-manifest", backups.toString()};

            Run unapproved = run(migrate);
            assertThat(unapproved.exit()).as(unapproved.err()).isEqualTo(5);
            assertThat(unapproved.err()).contains("destructive plan needs 2 approvals, has 0");

            Path request = dir.resolve("request.json");
            assertThat(run("approval", "request", plan.toString(), "--target", PG + db, "--out", request.toString(),
                    "--config", config.toString()).exit()).isZero();
            for (String approver : new String[] {"alice", "bob"}) {
                Run r = run("approval", "record", "--request", request.toString(), "--approver", approver,
                        "--reason", "checked the dry-run", "--config", config.toString());
                assertThat(r.exit()).as(r.err()).isZero();
            }
            Run noBackup = run(migrate);
            assertThat(noBackup.exit()).as(noBackup.err()).isEqualTo(6);
            assertThat(count(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'items'"
                    + " AND column_name = 'legacy'")).as("nothing applied before the checks pass").isEqualTo(1);

            Run backup = run("backup", plan.toString(), "--target", PG + db, "--out", backups.toString(),
                    "--config", config.toString());
            assertThat(backup.exit()).as(backup.err()).isZero();
            Run applied = run(migrate);
            assertThat(applied.exit()).as(applied.err()).isZero();
            assertThat(count(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'items'"
                    + " AND column_name = 'legacy'")).isZero();
        } finally {
            dropDatabase(db);
        }
    }

    @Test
    void aHeldLiquibaseLockExitsTenNamingItsHolder() throws Exception {
        Path changelog = dir.resolve("changelog.sql");
        Files.writeString(changelog, "--liquibase formatted sql\n--changeset ann:1\nCREATE TABLE items (id int);\n");
        String db = createDatabase();
        try {
            assertThat(run("migrate", changelog.toString(), "--target", PG + db).exit()).isZero();
            exec(db, "UPDATE databasechangeloglock SET locked = true, lockedby = 'deploy-box (10.1.2.3)', lockgranted = LOCALTIMESTAMP");
            Run held = run("migrate", changelog.toString(), "--target", PG + db);
            assertThat(held.exit()).isEqualTo(10);
            assertThat(held.err()).contains("held by 'deploy-box (10.1.2.3)' since").contains("--release-stale-lock");
            Run young = run("migrate", changelog.toString(), "--target", PG + db, "--release-stale-lock", "1h");
            assertThat(young.exit()).isEqualTo(10);
            assertThat(young.err()).contains("so it stays");
        } finally {
            dropDatabase(db);
        }
    }

    @Test
    void aRefusedMariadbLoginExitsEightWithoutThePassword() throws IOException {
        write("V1__create_items.sql", "CREATE TABLE items (id INT PRIMARY KEY);");
        Path password = dir.resolve("password");
        Files.writeString(password, "not-the-Pa55word\n");
        Run r = run("migrate", dir.toString(), "--target", "jdbc:mariadb://127.0.0.1:3306/mysql", "--password-file", password.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(8);
        assertThat(r.err()).contains("root @ jdbc:mariadb://127.0.0.1:3306/mysql").doesNotContain("not-the-Pa55word");
        assertThat(r.out()).doesNotContain("not-the-Pa55word");
    }

    @Test
    void assertSafeDownFailsOnTheExamplesDestructiveRollbacksAndPassesOnSafeOnes() throws IOException {
        Run example = run("assert-safe-down", "../examples/orders-service/db/changelog.xml");
        assertThat(example.exit()).isEqualTo(1);
        assertThat(example.out()).contains("release-2.0.xml:").contains("rollback of 2.0-orders-status::orders-team drops column orders.status")
                .contains("rollback of 1.0-customers::orders-team drops table customers").contains("safe down: FAILED");

        write("V1__seed.sql", "INSERT INTO countries VALUES ('NL');");
        write("U1__seed.sql", "DELETE FROM countries WHERE code = 'NL';");
        Run safe = run("assert-safe-down", dir.toString());
        assertThat(safe.exit()).as(safe.out()).isZero();
        assertThat(safe.out()).contains("safe down: passed: the rollbacks of 1 of 1 changesets keep all data");
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(dir.resolve(name), sql + "\n");
    }

    private interface Condition {
        boolean holds() throws SQLException;
    }

    private static void waitUntil(Condition c) throws SQLException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!c.holds()) {
            assertThat(System.nanoTime()).as("waited 20 s").isLessThan(end);
            Thread.sleep(50);
        }
    }

    private static String createDatabase() throws SQLException {
        String name = "md_migrate_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", "")) {
            c.createStatement().execute("CREATE DATABASE " + name);
        }
        return name;
    }

    private static void dropDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", "")) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static void exec(String db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG + db, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(String db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG + db, "postgres", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

package io.github.migrationdelivery.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dry-run, assert-lock-budget and check end to end against the local PostgreSQL: the source is a
 * seeded database, every run works on a template: copy of it that must be gone afterwards.
 */
class DryRunCommandsTest {

    private static final String SERVER = CliRun.POSTGRES;
    private static final Pattern THROW_AWAY = Pattern.compile("md_dryrun_[0-9a-z_]+");

    @TempDir
    static Path dir;

    static String source;
    static Path unsafePlan;
    static Path safePlan;
    static Path unsafeReport;
    static Path safeReport;
    static CliRun unsafeRun;


    @BeforeAll
    static void seededSourceAndTwoReports() throws Exception {
        try (Connection c = CliRun.postgresAdmin()) {
            source = "md_cli_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
            c.createStatement().execute("CREATE DATABASE " + source);
        }
        try (Connection c = DriverManager.getConnection(SERVER + source, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id bigserial PRIMARY KEY, email text NOT NULL)");
            s.execute("CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id),"
                    + " amount numeric(12,2) NOT NULL)");
            s.execute("INSERT INTO customers (email) SELECT 'c' || g || '@example.com' FROM generate_series(1, 10000) g");
            s.execute("INSERT INTO orders (customer_id, amount) SELECT 1 + g % 10000, g % 1000 FROM generate_series(1, 300000) g");
            s.execute("ANALYZE");
        }
        unsafePlan = plan("unsafe", "SET lock_timeout = '2s';\nCREATE INDEX idx_orders_customer_id ON orders (customer_id);\n");
        safePlan = plan("safe", "-- md:no-transaction\nSET lock_timeout = '2s';\n"
                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_customer_id ON orders (customer_id);\n");
        unsafeReport = dir.resolve("unsafe.json");
        safeReport = dir.resolve("safe.json");
        unsafeRun = CliRun.run("dry-run", unsafePlan.toString(), "--snapshot", "template:" + SERVER + source,
                "--report", unsafeReport.toString(), "--html", dir.resolve("unsafe.html").toString());
        assertThat(unsafeRun.exit()).as(unsafeRun.err()).isZero();
        CliRun safe = CliRun.run("dry-run", safePlan.toString(), "--snapshot", "template:" + SERVER + source,
                "--report", safeReport.toString());
        assertThat(safe.exit()).as(safe.err()).isZero();
    }

    @AfterAll
    static void dropSource() throws SQLException {
        if (source != null) {
            try (Connection c = CliRun.postgresAdmin()) {
                c.createStatement().execute("DROP DATABASE IF EXISTS " + source + " WITH (FORCE)");
            }
        }
    }

    @Test
    void dryRunWritesTheJsonAndHtmlReportsAndDropsItsCopy() throws Exception {
        JsonNode report = new ObjectMapper().readTree(unsafeReport.toFile());
        assertThat(report.get("outcome").asText()).isEqualTo("applied");
        JsonNode index = report.at("/changesets/0/statements/1");
        assertThat(index.get("statement").asText()).startsWith("CREATE INDEX idx_orders_customer_id");
        assertThat(index.get("strongestLock").asText()).isEqualTo("ShareLock");
        assertThat(index.get("writeBlockingHeldMs").asLong()).isPositive();
        assertThat(report.at("/lint/findings").size()).isPositive();
        assertThat(Files.readString(dir.resolve("unsafe.html"))).startsWith("<!DOCTYPE html>").contains("<svg");

        assertThat(unsafeRun.err()).contains("[1/1] 1  CREATE INDEX idx_orders_customer_id ON orders (customer_id)  (");
        assertThat(unsafeRun.out()).contains("dry-run: applied, 1 changesets, 2 statements");
        Matcher copy = THROW_AWAY.matcher(report.get("snapshot").asText());
        assertThat(copy.find()).as(report.get("snapshot").asText()).isTrue();
        assertThat(databaseExists(copy.group())).as("the throw-away copy %s is dropped", copy.group()).isFalse();
    }

    @Test
    void assertLockBudgetFailsTheUnsafePlanNamingTheRuleAndTheRewrite() {
        CliRun run = CliRun.run("assert-lock-budget", "--report", unsafeReport.toString(), "--max-exclusive-ms", "20");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).containsPattern("unsafe/V1__index\\.sql:2:1: write-blocking-lock \\d+ ms > 20 ms "
                        + "\\[require-concurrent-index-creation\\]: CREATE INDEX idx_orders_customer_id")
                .contains("    fix:").contains("CREATE INDEX CONCURRENTLY")
                .contains("lock budget: FAILED: 1 breach (write-blocking lock <= 20 ms)");
    }

    @Test
    void assertLockBudgetPassesTheSafeRewrite() {
        CliRun run = CliRun.run("assert-lock-budget", "--report", safeReport.toString(), "--max-exclusive-ms", "20");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).startsWith("lock budget: passed: 2 statements within write-blocking lock <= 20 ms");
    }

    @Test
    void checkLintsDryRunsSeedsAndSummarises() throws IOException {
        Path seed = dir.resolve("seed.sql");
        Files.writeString(seed, "INSERT INTO customers (email) VALUES ('seeded@example.com');\n"
                + "CREATE TABLE seeded_marker (id int PRIMARY KEY);\n");
        CliRun run = CliRun.run("check", safePlan.toString(), "--snapshot", "template:" + SERVER + source, "--seed", seed.toString(),
                "--html", dir.resolve("check.html").toString());
        assertThat(run.err()).contains("seed: " + seed + ": 2 statements");
        assertThat(run.out()).contains("lint: 1 changesets, 2 statements", "dry-run: applied",
                "  1: applied", "lock budget: passed (write-blocking lock <= 200 ms)",
                "rollback rehearsal: incomplete (a warning, not a failure", "check: passed");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
    }

    @Test
    void checkFailsOnTheUnsafePlan() {
        CliRun run = CliRun.run("check", unsafePlan.toString(), "--snapshot", "template:" + SERVER + source, "--max-exclusive-ms", "20");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("check: FAILED (lint, lock budget)");
    }

    @Test
    void badInputsAreOneLineAndExit2() throws IOException {
        CliRun missing = CliRun.run("assert-lock-budget", "--report", dir.resolve("missing.json").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("migration-delivery: " + dir.resolve("missing.json") + ": dry-run report not found\n");

        Path malformed = dir.resolve("malformed.json");
        Files.writeString(malformed, "{\n  \"schemaVersion\": \"1\",\n  oops\n}\n");
        CliRun bad = CliRun.run("assert-lock-budget", "--report", malformed.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).startsWith("migration-delivery: " + malformed + ":3:").contains("malformed dry-run report")
                .hasLineCount(1);

        CliRun scheme = CliRun.run("dry-run", safePlan.toString(), "--snapshot", "ftp://db.example.com/app");
        assertThat(scheme.exit()).isEqualTo(2);
        assertThat(scheme.err()).startsWith("migration-delivery: --snapshot ftp://db.example.com/app: unknown kind of snapshot")
                .hasLineCount(1);
    }

    @Test
    void aPasswordInTheSnapshotUrlIsNeverPrinted() {
        CliRun run = CliRun.run("dry-run", safePlan.toString(), "--snapshot", "jdbc:postgresql://md:s3cret-pw@127.0.0.1:1/none");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out() + run.err()).doesNotContain("s3cret-pw").hasLineCount(1);
    }

    private static Path plan(String name, String sql) throws IOException {
        Path folder = dir.resolve(name);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("V1__index.sql"), sql);
        return folder;
    }



    private static boolean databaseExists(String name) throws SQLException {
        try (Connection c = CliRun.postgresAdmin();
             ResultSet rs = c.createStatement().executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
            return rs.next();
        }
    }
}

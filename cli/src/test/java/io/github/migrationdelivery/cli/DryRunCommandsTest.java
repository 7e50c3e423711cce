package io.github.migrationdelivery.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.migrationdelivery.cli.CliRuns.Run;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.migrationdelivery.cli.CliRuns.SERVER;
import static io.github.migrationdelivery.cli.CliRuns.admin;
import static io.github.migrationdelivery.cli.CliRuns.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * dry-run, assert-lock-budget and check end to end against the local PostgreSQL: the source is a
 * seeded database, every run works on a template: copy of it that must be gone afterwards.
 */
class DryRunCommandsTest {

    private static final Pattern THROW_AWAY = Pattern.compile("md_dryrun_[0-9a-z_]+");

    @TempDir
    static Path dir;

    static String source;
    static Path unsafePlan;
    static Path safePlan;
    static Path unsafeReport;
    static Path safeReport;
    static CliRuns.Run unsafeRun;

    @BeforeAll
    static void seededSourceAndTwoReports() throws Exception {
        source = CliRuns.seededDatabase("md_cli_",
                "CREATE TABLE customers (id bigserial PRIMARY KEY, email text NOT NULL)",
                "CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id),"
                        + " amount numeric(12,2) NOT NULL)",
                "INSERT INTO customers (email) SELECT 'c' || g || '@example.com' FROM generate_series(1, 10000) g",
                "INSERT INTO orders (customer_id, amount) SELECT 1 + g % 10000, g % 1000 FROM generate_series(1, 300000) g",
                "ANALYZE");
        unsafePlan = plan("unsafe", "SET lock_timeout = '2s';\nCREATE INDEX idx_orders_customer_id ON orders (customer_id);\n");
        safePlan = plan("safe", "-- md:no-transaction\nSET lock_timeout = '2s';\n"
                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_customer_id ON orders (customer_id);\n");
        unsafeReport = dir.resolve("unsafe.json");
        safeReport = dir.resolve("safe.json");
        unsafeRun = CliRuns.run("dry-run", unsafePlan.toString(), "--snapshot", "template:" + SERVER + source,
                "--report", unsafeReport.toString(), "--html", dir.resolve("unsafe.html").toString());
        assertThat(unsafeRun.exit()).as(unsafeRun.err()).isZero();
        CliRuns.Run safe = CliRuns.run("dry-run", safePlan.toString(), "--snapshot", "template:" + SERVER + source,
                "--report", safeReport.toString());
        assertThat(safe.exit()).as(safe.err()).isZero();
    }

    @AfterAll
    static void dropSource() throws SQLException {
        CliRuns.dropDatabase(source);
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
        CliRuns.Run run = CliRuns.run("assert-lock-budget", "--report", unsafeReport.toString(), "--max-exclusive-ms", "20");
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).containsPattern("unsafe/V1__index\\.sql:2:1: write-blocking-lock \\d+ ms > 20 ms "
                        + "\\[require-concurrent-index-creation\\]: CREATE INDEX idx_orders_customer_id")
                .contains("    fix:").contains("CREATE INDEX CONCURRENTLY")
                .contains("lock budget: FAILED: 1 breach (write-blocking lock <= 20 ms)");
    }

    @Test
    void assertLockBudgetPassesTheSafeRewrite() {
        CliRuns.Run run = CliRuns.run("assert-lock-budget", "--report", safeReport.toString(), "--max-exclusive-ms", "20");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).startsWith("lock budget: passed: 2 statements within write-blocking lock <= 20 ms");
    }

    @Test
    void checkLintsDryRunsSeedsAndSummarises() throws IOException {
        Path seed = dir.resolve("seed.sql");
        Files.writeString(seed, "INSERT INTO customers (email) VALUES ('seeded@example.com');\n"
                + "CREATE TABLE seeded_marker (id int PRIMARY KEY);\n");
        CliRuns.Run run = CliRuns.run("check", safePlan.toString(), "--snapshot", "template:" + SERVER + source, "--seed", seed.toString(),
                "--html", dir.resolve("check.html").toString());
        assertThat(run.err()).contains("seed: " + seed + ": 2 statements");
        assertThat(run.out()).contains("lint: 1 changesets, 2 statements", "dry-run: applied",
                "  1: applied", "lock budget: passed (write-blocking lock <= 200 ms)",
                "rollback rehearsal: incomplete (a warning, not a failure", "check: passed");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
    }

    @Test
    void checkFailsOnTheUnsafePlanAndItsMetricsSayHowLongTheIndexLocked() throws IOException {
        Path metrics = dir.resolve("check.prom");
        Run run = run("check", unsafePlan.toString(), "--snapshot", "template:" + SERVER + source, "--max-exclusive-ms", "20",
                "--metrics-file", metrics.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("check: FAILED (lint, lock budget)");
        String text = Files.readString(metrics);
        Matcher held = Pattern.compile("migration_delivery_lock_held_seconds\\{blocks=\"writes\",changeset=\"1\",command=\"check\","
                + "migration_id=\"([0-9a-f]{12})\"} ([0-9.]+)").matcher(text);
        assertThat(held.find()).as(text).isTrue();
        assertThat(Double.parseDouble(held.group(2))).as("the CREATE INDEX held its ShareLock for a measurable time").isPositive();
        assertThat(text).contains("# TYPE migration_delivery_command_exit_code gauge",
                "migration_delivery_command_exit_code{command=\"check\",migration_id=\"" + held.group(1) + "\"} 1");
    }

    @Test
    void badInputsAreOneLineAndExit2() throws IOException {
        CliRuns.Run missing = CliRuns.run("assert-lock-budget", "--report", dir.resolve("missing.json").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("migration-delivery: " + dir.resolve("missing.json") + ": dry-run report not found\n");

        Path malformed = dir.resolve("malformed.json");
        Files.writeString(malformed, "{\n  \"schemaVersion\": \"1\",\n  oops\n}\n");
        CliRuns.Run bad = CliRuns.run("assert-lock-budget", "--report", malformed.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).startsWith("migration-delivery: " + malformed + ":3:").contains("malformed dry-run report")
                .hasLineCount(1);

        CliRuns.Run scheme = CliRuns.run("dry-run", safePlan.toString(), "--snapshot", "ftp://db.example.com/app");
        assertThat(scheme.exit()).isEqualTo(2);
        assertThat(scheme.err()).startsWith("migration-delivery: --snapshot ftp://db.example.com/app: unknown kind of snapshot")
                .hasLineCount(1);
    }

    @Test
    void dryRunOnASyntheticCopyScaledDown() {
        CliRuns.Run run = CliRuns.run("dry-run", safePlan.toString(), "--snapshot", "synthetic:" + SERVER + source,
                "--scale", "0.1");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        Matcher generated = Pattern.compile("snapshot: synthetic: postgres @ " + Pattern.quote(SERVER + source)
                + " as md_dryrun_\\w+ \\(2 tables, (\\d+) generated rows, scale 0\\.1, dropped on close\\)").matcher(run.err());
        assertThat(generated.find()).as(run.err()).isTrue();
        assertThat(Double.parseDouble(generated.group(1))).as("a tenth of 10,000 customers and 300,000 orders")
                .isCloseTo(31_000, within(310.0));
        assertThat(run.out()).contains("dry-run: applied");
    }

    @Test
    void scaleIsCheckedAndNamedInOneLine() {
        for (String bad : new String[] {"0", "-0.5", "NaN"}) {
            CliRuns.Run run = CliRuns.run("dry-run", safePlan.toString(), "--snapshot", "synthetic:" + SERVER + source, "--scale", bad);
            assertThat(run.exit()).as(bad).isEqualTo(2);
            assertThat(run.err()).startsWith("migration-delivery: --scale must be a number greater than 0, not ").hasLineCount(1);
        }
        CliRuns.Run word = CliRuns.run("dry-run", safePlan.toString(), "--snapshot", "synthetic:" + SERVER + source, "--scale", "tenth");
        assertThat(word.exit()).isEqualTo(2);
        assertThat(word.err()).contains("Invalid value for option '--scale': 'tenth'").hasLineCount(1);
        for (String command : new String[] {"dry-run", "check"}) {
            CliRuns.Run template = CliRuns.run(command, safePlan.toString(), "--snapshot", "template:" + SERVER + source,
                    "--scale", "0.5");
            assertThat(template.exit()).as(command).isEqualTo(2);
            assertThat(template.err()).as(command)
                    .isEqualTo("migration-delivery: --scale applies to synthetic: snapshots only, not to template: ones\n");
        }
    }

    @Test
    void aPasswordInTheSnapshotUrlIsNeverPrinted() {
        CliRuns.Run run = CliRuns.run("dry-run", safePlan.toString(), "--snapshot", "jdbc:postgresql://md:s3cret-pw@127.0.0.1:1/none");
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
        try (Connection c = CliRuns.admin();
             ResultSet rs = c.createStatement().executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
            return rs.next();
        }
    }
}

package io.github.migrationdelivery.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.migrationdelivery.cli.CliRuns.Run;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static io.github.migrationdelivery.cli.CliRuns.SERVER;
import static io.github.migrationdelivery.cli.CliRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * explain and approval request/record/check end to end: a contract migration (drop a filled
 * column) measured by a real dry-run on the local PostgreSQL, then briefed, approved and checked.
 */
class ApprovalCommandsTest {

    private static final String TARGET = "jdbc:postgresql://prod-db:5432/shop";
    private static final String DROP = "ALTER TABLE customers DROP COLUMN full_name";

    @TempDir
    static Path dir;

    static String source;
    static Path plan;
    static Path report;
    static Path config;

    @BeforeAll
    static void measuredPlan() throws Exception {
        source = CliRuns.seededDatabase("md_cli_approval_",
                "CREATE TABLE customers (id bigserial PRIMARY KEY, email text NOT NULL, full_name text)",
                "INSERT INTO customers (email, full_name) SELECT 'c' || g || '@example.com', 'Name ' || g"
                        + " FROM generate_series(1, 50000) g");
        plan = dir.resolve("migrations");
        Files.createDirectories(plan);
        Files.writeString(plan.resolve("V1__expand.sql"), "SET lock_timeout = '2s';\n"
                + "ALTER TABLE customers ADD COLUMN nickname text DEFAULT '<none>';\n");
        Files.writeString(plan.resolve("V2__contract.sql"), "SET lock_timeout = '2s';\n" + DROP + ";\n");
        report = dir.resolve("dry-run.json");
        Run dryRun = run("dry-run", plan.toString(), "--snapshot", "template:" + SERVER + source, "--report", report.toString());
        assertThat(dryRun.exit()).as(dryRun.out() + dryRun.err()).isZero();
        config = dir.resolve("config.yml");
        Files.writeString(config, """
                approval:
                  approvers: [alice, "group:dba", release-bot]
                  groups: {dba: [bob]}
                """);
    }

    @AfterAll
    static void dropSource() throws SQLException {
        CliRuns.dropDatabase(source);
    }

    @Test
    void theBriefGivesTheMeasuredLockTimeAndTheDroppedColumnsDataLoss() throws IOException {
        JsonNode drop = statement(DROP);
        long held = drop.get("writeBlockingHeldMs").asLong();
        Run explain = run("explain", plan.toString(), "--dry-run-report", report.toString());
        assertThat(explain.exit()).as(explain.err()).isZero();
        assertThat(explain.out())
                .contains("Measured by a dry-run on ")
                .contains("`" + DROP + "`: held " + drop.get("strongestLock").asText() + " on ")
                .contains(" for " + held + " ms, blocking reads and writes (measured")
                .contains("drops column customers.full_name and the values stored in it")
                .contains("every query of the old version that reads or writes customers.full_name fails")
                .contains("**Undo (loses data):** Undo cannot bring the data back: this changeset drops column"
                        + " customers.full_name with its values. No backup manifest was given")
                .doesNotContain("not measured");

        Run unmeasured = run("explain", plan.toString());
        assertThat(unmeasured.out()).contains("`" + DROP + "`: takes AccessExclusiveLock on customers, which blocks"
                + " reads, writes, DDL for as long as it runs; not measured (no dry-run report given)");
    }

    @Test
    void theHtmlBriefIsSelfContainedAndEscaped() throws IOException {
        Path html = dir.resolve("brief/brief.html");
        Run explain = run("explain", plan.toString(), "--dry-run-report", report.toString(), "--format", "html",
                "--output", html.toString());
        assertThat(explain.exit()).as(explain.err()).isZero();
        assertThat(explain.out()).startsWith("explain: destructive plan, 2 changesets, measured (brief: ");
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("default &#39;&lt;none&gt;&#39;")
                .doesNotContain("<none>").doesNotContain("<script").doesNotContain("http");
        assertThat(run("explain", plan.toString(), "--format", "pdf").exit()).isEqualTo(2);
    }

    @Test
    void approvalFlowFromRequestToCheck() throws IOException {
        Path log = dir.resolve("flow/approvals.jsonl");
        Path request = dir.resolve("flow/request.json");
        Run req = run("approval", "request", plan.toString(), "--config", config.toString(), "--dry-run-report",
                report.toString(), "--target", "jdbc:postgresql://deploy:pw-123@prod-db/shop", "--out", request.toString(),
                "--author", "dave", "--requested-by", "erin");
        assertThat(req.exit()).as(req.err()).isZero();
        assertThat(req.out()).contains("destructive plan sha256:").contains("for postgresql://prod-db:5432/shop needs 2 approvals");
        JsonNode json = new ObjectMapper().readTree(request.toFile());
        assertThat(json.get("classification").asText()).isEqualTo("destructive");
        long longest = 0;
        for (JsonNode c : new ObjectMapper().readTree(report.toFile()).get("changesets")) {
            for (JsonNode s : c.get("statements")) {
                longest = Math.max(longest, s.get("writeBlockingHeldMs").asLong());
            }
        }
        assertThat(longest).isPositive();
        assertThat(json.at("/dryRun/longestWriteBlockingHoldMs").asLong()).isEqualTo(longest);
        assertThat(json.at("/rollback/everyChangesetHasRollback").asBoolean()).isFalse();
        assertThat(json.get("brief").asText()).contains("drops column customers.full_name");
        assertThat(Files.readString(request)).doesNotContain("pw-123");

        String[] record = {"approval", "record", "--request", request.toString(), "--config", config.toString(),
                "--audit-log", log.toString(), "--reason", "read the brief"};
        assertRefused(run(concat(record, "--approver", "dave")), "dave is the author or requester");
        assertRefused(run(concat(record, "--approver", "erin")), "erin is the author or requester");
        assertRefused(run(concat(record, "--approver", "release-bot")), "matches the bot pattern '*-bot'");
        assertRefused(run(concat(record, "--approver", "mallory")), "mallory is not an approver");

        String[] check = {"approval", "check", plan.toString(), "--config", config.toString(), "--audit-log", log.toString(),
                "--target", TARGET};
        assertRefused(run(check), "destructive plan needs 2 approvals, has 0 for sha256:");
        assertThat(run(concat(record, "--approver", "alice")).exit()).isZero();
        assertRefused(run(concat(record, "--approver", "alice")), "alice already approved this plan");
        assertRefused(run(check), "destructive plan needs 2 approvals, has 1 (alice) for sha256:");
        Run carol = run(concat(record, "--approver", "carol", "--approver-groups", "dba,ops"));
        assertThat(carol.out()).contains("carol approved plan sha256:").contains("(as group:dba; audit log");
        Run approved = run(check);
        assertThat(approved.exit()).as(approved.err()).isZero();
        assertThat(approved.out()).isEqualTo("approval: destructive plan approved by alice, carol (2 of 2 required) for"
                + " postgresql://prod-db:5432/shop\n");

        assertRefused(run("approval", "check", plan.toString(), "--config", config.toString(), "--audit-log", log.toString(),
                "--target", "jdbc:postgresql://staging-db:5432/shop"), "needs 2 approvals, has 0");

        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        lines.set(0, lines.get(0).replace("read the brief", "did not read it"));
        Path altered = dir.resolve("flow/altered.jsonl");
        Files.write(altered, lines, StandardCharsets.UTF_8);
        Run broken = run("approval", "check", plan.toString(), "--config", config.toString(), "--audit-log", altered.toString(),
                "--target", TARGET);
        assertRefused(broken, "audit log line 1 was altered");
    }

    @Test
    void changingThePlanAfterApprovalVoidsIt() throws IOException {
        Path changed = dir.resolve("changed");
        Files.createDirectories(changed);
        Path file = changed.resolve("V2__contract.sql");
        Files.copy(plan.resolve("V2__contract.sql"), file);
        Path log = dir.resolve("changed/approvals.jsonl");
        Path request = dir.resolve("changed/request.json");
        assertThat(run("approval", "request", changed.toString(), "--config", config.toString(), "--target", TARGET,
                "--out", request.toString()).exit()).isZero();
        for (String who : List.of("alice", "bob")) {
            Run r = run("approval", "record", "--request", request.toString(), "--config", config.toString(),
                    "--audit-log", log.toString(), "--approver", who, "--reason", "ok");
            assertThat(r.exit()).as(r.err()).isZero();
        }
        String[] check = {"approval", "check", changed.toString(), "--config", config.toString(), "--audit-log", log.toString(),
                "--target", TARGET};
        assertThat(run(check).exit()).isZero();

        Files.writeString(file, Files.readString(file).replace("DROP COLUMN full_name", "DROP COLUMN email"));
        assertRefused(run(check), "destructive plan needs 2 approvals, has 0");
        assertThat(run(check).err()).contains("2 approvals in the log are for another version of the plan");
        assertRefused(run("approval", "record", "--request", request.toString(), "--config", config.toString(),
                "--audit-log", log.toString(), "--approver", "carol", "--approver-groups", "dba", "--reason", "ok"),
                "the plan changed since the request");
    }

    @Test
    void aBackupManifestIsNamedWhenItProtectsThisPlanAndRefusedOtherwise() throws IOException {
        Path request = dir.resolve("backup/request.json");
        assertThat(run("approval", "request", plan.toString(), "--target", TARGET, "--out", request.toString()).exit()).isZero();
        String checksum = new ObjectMapper().readTree(request.toFile()).get("planChecksum").asText();
        Path manifest = dir.resolve("backup/manifest.json");
        Files.writeString(manifest, "{\"id\": \"bk-2025-01-02-0001\", \"planChecksum\": \"" + checksum + "\", \"other\": 1}");
        Run ok = run("explain", plan.toString(), "--backup-manifest", manifest.toString());
        assertThat(ok.out()).contains("Backup: manifest bk-2025-01-02-0001 protects this plan.")
                .contains("Only backup bk-2025-01-02-0001 holds it.");
        assertThat(run("approval", "request", plan.toString(), "--target", TARGET, "--out", request.toString(),
                "--backup-manifest", manifest.toString()).exit()).isZero();
        assertThat(new ObjectMapper().readTree(request.toFile()).get("backupManifestId").asText()).isEqualTo("bk-2025-01-02-0001");

        Files.writeString(manifest, "{\"id\": \"bk-old\", \"planChecksum\": \"sha256:" + "0".repeat(64) + "\"}");
        Run other = run("explain", plan.toString(), "--backup-manifest", manifest.toString());
        assertThat(other.exit()).isEqualTo(ExitCode.BACKUP_REQUIRED.code());
        assertThat(other.err()).contains("backup manifest bk-old protects plan sha256:000").hasLineCount(1);
    }

    private static void assertRefused(Run run, String message) {
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.NOT_APPROVED.code());
        assertThat(run.err()).contains(message).hasLineCount(1);
    }

    private static JsonNode statement(String sql) throws IOException {
        for (JsonNode c : new ObjectMapper().readTree(report.toFile()).get("changesets")) {
            for (JsonNode s : c.get("statements")) {
                if (s.get("statement").asText().equals(sql)) {
                    return s;
                }
            }
        }
        throw new AssertionError(sql + " is not in the dry-run report");
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = new String[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}

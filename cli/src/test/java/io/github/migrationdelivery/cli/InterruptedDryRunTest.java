package io.github.migrationdelivery.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static io.github.migrationdelivery.cli.CliRuns.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dry-run interrupted in the middle of a long statement, as Ctrl-C (SIGINT) or a CI runner's
 * cancel (SIGTERM) does it: the process ends promptly with 128 + the signal's number and its
 * throw-away database is gone.
 */
class InterruptedDryRunTest {

    private static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/";

    @TempDir
    Path dir;

    /** A marker in the long statement's text, so the test finds its own session on a shared server. */
    private final String marker = "md_interrupt_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);

    @Test
    void ctrlCDuringAPostgresStatementDropsTheThrowAwayDatabase() throws Exception {
        String source = CliRuns.seededDatabase("md_cli_int_", "CREATE TABLE t (id int PRIMARY KEY)");
        String throwAway = null;
        try {
            Path plan = plan("SELECT pg_sleep(60), '" + marker + "';\n");
            Process child = CliRuns.child("dry-run", plan.toString(), "--snapshot", "template:" + SERVER + source)
                    .redirectErrorStream(true).redirectOutput(output().toFile()).start();
            try (Connection admin = CliRuns.admin()) {
                throwAway = await(child, () -> first(admin, "SELECT datname FROM pg_stat_activity WHERE state = 'active'"
                        + " AND datname LIKE 'md\\_dryrun\\_%' AND query LIKE '%" + marker + "%'"));
                assertThat(first(admin, "SELECT datname FROM pg_database WHERE datname = '" + throwAway + "'")).isPresent();
                // A shell that starts a job in the background without job control makes it ignore SIGINT,
                // and so does the JVM then; Ctrl-C cannot reach such a process, whatever it does.
                Assumptions.assumeFalse(ignores(child, 2), "this test's environment starts processes ignoring SIGINT");
                assertThat(interrupt(child, "INT")).as("exit code after SIGINT").isEqualTo(130);
                assertThat(Files.readString(output())).contains("migration-delivery: interrupted: removing throw-away " + throwAway);
                assertThat(first(admin, "SELECT datname FROM pg_database WHERE datname = '" + throwAway + "'"))
                        .as("throw-away database after SIGINT").isEmpty();
                throwAway = null;
            } finally {
                child.destroyForcibly();
            }
        } finally {
            CliRuns.dropDatabase(throwAway);
            CliRuns.dropDatabase(source);
        }
    }

    @Test
    void sigtermDuringAMariadbUpdateEndsItsSessionAndDropsTheThrowAwayDatabase() throws Exception {
        String source = "md_cli_int_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        String throwAway = null;
        try (Connection admin = DriverManager.getConnection(MARIADB, "root", ""); Statement s = admin.createStatement()) {
            try {
                s.execute("CREATE DATABASE " + source);
                s.execute("CREATE TABLE " + source + ".t (id int PRIMARY KEY, v int NOT NULL)");
                s.execute("INSERT INTO " + source + ".t SELECT seq, 0 FROM " + source + ".seq_1_to_2000");
                // Row by row, 20 ms each: 40 s, holding the table's metadata lock DROP DATABASE waits for.
                Path plan = plan("UPDATE t SET v = v + 1 WHERE SLEEP(0.02) = 0 AND '" + marker + "' <> '';\n");
                Process child = CliRuns.child("dry-run", plan.toString(), "--dialect", "mariadb", "--snapshot", MARIADB + source)
                        .redirectErrorStream(true).redirectOutput(output().toFile()).start();
                try {
                    throwAway = await(child, () -> first(admin, "SELECT DB FROM information_schema.PROCESSLIST"
                            + " WHERE DB LIKE 'md\\_dryrun\\_%' AND INFO LIKE '%" + marker + "%' AND INFO NOT LIKE '%PROCESSLIST%'"));
                    assertThat(interrupt(child, "TERM")).as("exit code after SIGTERM").isEqualTo(143);
                    assertThat(Files.readString(output())).contains("migration-delivery: interrupted: removing throw-away " + throwAway);
                    assertThat(first(admin, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '"
                            + throwAway + "'")).as("throw-away database after SIGTERM").isEmpty();
                    throwAway = null;
                } finally {
                    child.destroyForcibly();
                }
            } finally {
                if (throwAway != null) {
                    s.execute("DROP DATABASE IF EXISTS " + throwAway);
                }
                s.execute("DROP DATABASE IF EXISTS " + source);
            }
        }
    }

    /** What the dry-run printed (standard output and error). */
    private Path output() {
        return dir.resolve("output.txt");
    }

    private Path plan(String sql) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("plan"));
        Files.writeString(folder.resolve("V1__long.sql"), sql);
        return folder;
    }

    private interface Probe {
        Optional<String> look() throws SQLException;
    }

    /** Waits, at most a minute, until the probe finds something while the child runs. */
    private static String await(Process child, Probe probe) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Optional<String> found = probe.look();
            if (found.isPresent()) {
                return found.get();
            }
            assertThat(child.isAlive()).as("the dry-run is still running (exit %s)", child.isAlive() ? "" : child.exitValue())
                    .isTrue();
            assertThat(System.nanoTime()).as("the long statement started within 60 s").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** Sends the signal and returns the exit code, which must come within 15 s. */
    private static int interrupt(Process child, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        long sent = System.nanoTime();
        assertThat(child.waitFor(15, TimeUnit.SECONDS)).as("the dry-run ended within 15 s of SIG" + signal).isTrue();
        System.out.printf("SIG%s: exit %d after %d ms%n", signal, child.exitValue(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
        return child.exitValue();
    }

    /** Whether the process ignores a signal, from the SigIgn mask of /proc/PID/status (Linux). */
    private static boolean ignores(Process child, int signal) throws IOException {
        Path status = Path.of("/proc", Long.toString(child.pid()), "status");
        if (!Files.exists(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:")).findFirst()
                .map(l -> new BigInteger(l.substring("SigIgn:".length()).strip(), 16).testBit(signal - 1)).orElse(false);
    }

    private static Optional<String> first(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }
}

package io.github.migrationdelivery.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
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

/** backfill end to end on the local PostgreSQL, including a run killed with SIGKILL and resumed. */
class BackfillCommandTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private String database;
    private String url;

    private record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void freshDatabase() throws SQLException {
        database = "md_cli_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        sql(SERVER + "postgres", "CREATE DATABASE " + database);
        url = SERVER + database;
        sql(url, "CREATE TABLE orders (id bigint PRIMARY KEY, status text, touched int NOT NULL DEFAULT 0)");
        sql(url, "INSERT INTO orders (id) SELECT g FROM generate_series(1, 200000) g");
        sql(url, "ANALYZE orders");
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        sql(SERVER + "postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void backfillsPrintsProgressLinesAndSaysSoWhenRunAgain(@TempDir Path dir) throws Exception {
        Path metrics = dir.resolve("backfill.prom");
        String[] args = {"backfill", "--target", url, "--table", "orders", "--set", "status = 'new', touched = touched + 1",
                "--where", "status IS NULL", "--progress", "lines", "--progress-interval", "0s"};
        Run run = run(java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of(
                "--metrics-file", metrics.toString(), "--lag-query", "SELECT 0.25")).toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("backfill orders-").contains(": public.orders by id (orders_pkey), ~200,000 rows;"
                + " throttles: lag <= 10.0 s (--lag-query), lock waits <= 50 ms")
                .containsPattern("rows done, [0-9,]+ left, [0-9,]+ rows/s, ETA");
        assertThat(run.out()).containsPattern("backfill orders-[0-9a-f]{12}: finished, 200,000 rows changed \\(200,000 over all runs\\),"
                + " 200,000 walked in .* rows/s\\), \\d+ batches \\(p50 \\d+ ms, p95 \\d+ ms, max \\d+ ms\\), paused");
        assertThat(query("SELECT touched || ' ' || count(*) FROM orders GROUP BY touched")).containsExactly("1 200000");
        String prom = Files.readString(metrics);
        assertThat(prom).containsPattern("backfill_rows_total\\{[^}]*table=\"orders\"[^}]*\\} 200000")
                .containsPattern("replication_lag_seconds\\{[^}]*\\} 0\\.25");

        Run again = run(args);
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains(": already finished by an earlier run (200,000 rows changed); nothing to do");
        assertThat(query("SELECT max(touched)::text FROM orders")).containsExactly("1");
    }

    @Test
    void aKilledBackfillResumesAfterItsLastCommittedBatchAndChangesNoRowTwice() throws Exception {
        String[] args = {"backfill", "--target", url, "--table", "orders", "--set", "touched = touched + 1", "--id", "killed",
                "--batch-size", "500", "--max-batch-size", "500", "--max-rate", "20000", "--progress", "none"};
        Process child = CliRuns.child(args).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (checkpointRows() < 40_000) {
                assertThat(child.isAlive()).as("the child is still running").isTrue();
                assertThat(System.nanoTime()).as("the child got going within 60 s").isLessThan(deadline);
                TimeUnit.MILLISECONDS.sleep(50);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback sent, the connection just drops
            child.waitFor(30, TimeUnit.SECONDS);
        }
        long checkpointed = checkpointRows();
        assertThat(checkpointed).isLessThan(200_000);
        // The checkpoint moves in each batch's own transaction: it names exactly the rows that are changed.
        assertThat(query("SELECT count(*)::text FROM orders WHERE touched = 1")).containsExactly(String.valueOf(checkpointed));

        Run resumed = run(args);
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("finished, " + String.format("%,d", 200_000 - checkpointed) + " rows changed (200,000 over all runs)");
        assertThat(query("SELECT touched || ' ' || count(*) FROM orders GROUP BY touched")).containsExactly("1 200000");
    }

    @Test
    void aFailingRowExitsNineWithTheBatchRangeAndATableWithoutKeyExitsTwo() throws SQLException {
        sql(url, "ALTER TABLE orders ADD COLUMN code text NOT NULL DEFAULT '1', ADD COLUMN n int");
        sql(url, "UPDATE orders SET code = 'bad' WHERE id = 1500");
        Run failed = run("backfill", "--target", url, "--table", "orders", "--set", "n = code::int", "--batch-size", "1000",
                "--max-batch-size", "1000", "--progress", "none");
        assertThat(failed.exit()).isEqualTo(9);
        // The batch holding id 1500 starts after the first 1,000 rows (the sizer may have halved it after a cold start).
        assertThat(failed.err()).startsWith("migration-delivery: backfill orders-")
                .containsPattern(" stopped: the batch on id 1001\\.\\.(1[5-9]\\d\\d|2000) failed: ERROR: invalid input syntax for type"
                        + " integer: \"bad\"; first failing row id=1500; 1000 rows done up to id=1000")
                .contains("rerun the same command to resume");
        assertThat(failed.err().lines().count()).isEqualTo(1);

        sql(url, "CREATE TABLE heap (id int, note text)");
        Run refused = run("backfill", "--target", url, "--table", "heap", "--set", "note = 'x'");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("table public.heap has no primary key or unique index");
    }

    @Test
    void dryRunSamplesACopyAndPredictsTheTotal() throws SQLException {
        Run run = run("backfill", "--dry-run", "--snapshot", "template:" + url, "--table", "orders", "--set", "touched = 1",
                "--sample-batches", "5", "--batch-size", "2000", "--progress", "none");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("backfill dry-run orders-[0-9a-f]{12}: 5 batches, [0-9,]+ rows walked in .*;"
                + " predicted total .* for ~200,000 rows");
        assertThat(query("SELECT max(touched)::text FROM orders")).as("the source is untouched").containsExactly("0");
    }

    private long checkpointRows() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT to_regclass('migration_delivery_backfill') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return 0;
            }
        }
        List<String> rows = query("SELECT rows_done::text FROM migration_delivery_backfill WHERE id = 'killed'");
        return rows.isEmpty() ? 0 : Long.parseLong(rows.get(0));
    }

    /** Surefire's own class path (java.class.path is its booter jar). */
    private List<String> query(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static void sql(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }
}

package io.github.migrationdelivery.engine.backfill;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.testdb.TestDatabase;
import io.github.migrationdelivery.engine.testdb.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static io.github.migrationdelivery.engine.backfill.BackfillTest.counts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PostgreSQL at scale: 2,000,000 rows under a probe workload, and the lag throttle at work. */
class BackfillPostgresTest {

    @Test
    void twoMillionRowsUnderAProbeWorkloadEachChangedExactlyOnce() throws Exception {
        int rows = 2_000_000;
        try (TestDatabase db = TestDatabases.create(Dialect.POSTGRESQL)) {
            db.run("CREATE TABLE accounts (id bigint PRIMARY KEY, balance int NOT NULL, touched int NOT NULL DEFAULT 0);\n"
                    + "INSERT INTO accounts (id, balance) SELECT g, 0 FROM generate_series(1, " + rows + ") g;\n"
                    + "VACUUM ANALYZE accounts");
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong writes = new AtomicLong();
            List<Long> latenciesUs = new CopyOnWriteArrayList<>();
            List<CompletableFuture<Void>> probes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                probes.add(CompletableFuture.runAsync(() -> probe(db, rows, running, writes, latenciesUs)));
            }
            List<BackfillListener.Progress> batches = new CopyOnWriteArrayList<>();
            BackfillResult r;
            try {
                r = new Backfill(BackfillSettings.defaults().withBatches(1_000, 100, 100_000), BackfillTest.recording(batches),
                        List.of()).run(db.spec(), BackfillJob.ofSet("accounts", "touched = touched + 1", null));
            } finally {
                running.set(false);
                CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            }

            assertThat(r.outcome()).isEqualTo(BackfillResult.Outcome.FINISHED);
            assertThat(r.rowsThisRun()).isEqualTo(rows);
            assertThat(counts(db, "SELECT touched, count(*) FROM accounts GROUP BY touched")).containsExactly("1 " + rows);
            assertThat(counts(db, "SELECT sum(balance) FROM accounts")).containsExactly(String.valueOf(writes.get()));
            assertThat(writes.get()).isPositive();
            assertThat(batches).extracting(BackfillListener.Progress::walked).anyMatch(n -> n > 5_000);
            List<Long> sorted = new ArrayList<>(latenciesUs);
            Collections.sort(sorted);
            long p99 = sorted.get((int) (sorted.size() * 0.99));
            System.out.printf("backfill of %,d rows: %.1f s, %,.0f rows/s, %d batches (p50 %d ms, p95 %d ms, max %d ms),"
                            + " paused %d ms; probes: %,d requests, p99 %.1f ms%n", rows, r.elapsed().toMillis() / 1000.0,
                    r.rowsPerSecond(), r.batches(), r.batchTimes().p50(), r.batchTimes().p95(), r.batchTimes().max(),
                    r.paused().toMillis(), sorted.size(), p99 / 1000.0);
            // Batches aim at 200 ms; a probe waits at most for one batch (plus a loaded machine's scheduling).
            assertThat(p99).isLessThan(TimeUnit.SECONDS.toMicros(2));
        }
    }

    /** Single-row reads and writes by key, as the application would, until told to stop. */
    private static void probe(TestDatabase db, int rows, AtomicBoolean running, AtomicLong writes, List<Long> latenciesUs) {
        try (Connection c = db.connect();
             PreparedStatement read = c.prepareStatement("SELECT balance FROM accounts WHERE id = ?");
             PreparedStatement write = c.prepareStatement("UPDATE accounts SET balance = balance + 1 WHERE id = ?")) {
            boolean writing = false;
            while (running.get()) {
                PreparedStatement ps = writing ? write : read;
                ps.setLong(1, 1 + ThreadLocalRandom.current().nextInt(rows));
                long t = System.nanoTime();
                ps.execute();
                latenciesUs.add((System.nanoTime() - t) / 1000);
                if (writing) {
                    writes.incrementAndGet();
                }
                writing = !writing;
                TimeUnit.MILLISECONDS.sleep(2);
            }
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void pausesWhileTheLagQueryReportsLagOrFailsAndGivesUpAfterMaxPause() throws Exception {
        try (TestDatabase db = TestDatabases.create(Dialect.POSTGRESQL)) {
            db.run("CREATE TABLE t (id int PRIMARY KEY, touched int NOT NULL DEFAULT 0);\n"
                    + "INSERT INTO t (id) SELECT g FROM generate_series(1, 20000) g;\n"
                    + "CREATE TABLE fake_lag (seconds numeric NOT NULL);\n"
                    + "INSERT INTO fake_lag VALUES (0)");
            BackfillSettings settings = BackfillSettings.defaults().withBatches(100, 100, 100)
                    .withLag(Duration.ofSeconds(5), Optional.of("SELECT seconds FROM fake_lag"))
                    .withPauses(Duration.ofMillis(20), Duration.ofSeconds(60));
            List<String> events = new CopyOnWriteArrayList<>();
            AtomicLong done = new AtomicLong();
            BackfillListener listener = new BackfillListener() {
                @Override
                public void batch(Progress p) {
                    done.set(p.rowsDone());
                }

                @Override
                public void paused(String reason, boolean failedCheck) {
                    events.add((failedCheck ? "failed check: " : "paused: ") + reason);
                }

                @Override
                public void resumed(Duration pausedFor) {
                    events.add("resumed");
                }
            };
            BackfillJob job = BackfillJob.ofSet("t", "touched = touched + 1", null);
            CompletableFuture<BackfillResult> run = CompletableFuture.supplyAsync(
                    () -> new Backfill(settings, listener, List.of()).run(db.spec(), job));
            waitFor(Duration.ofSeconds(30), () -> done.get() >= 1_000);
            db.run("UPDATE fake_lag SET seconds = 30");
            waitFor(Duration.ofSeconds(10), () -> events.contains("paused: replication lag 30.0 s > --max-lag 5.0 s (--lag-query)"));
            long atPause = done.get();
            TimeUnit.MILLISECONDS.sleep(500);
            assertThat(done.get()).as("no batch while lag is high").isEqualTo(atPause);
            db.run("ALTER TABLE fake_lag RENAME TO fake_lag_gone");
            waitFor(Duration.ofSeconds(10), () -> events.stream().anyMatch(e -> e.startsWith("failed check: --lag-query failed")));
            TimeUnit.MILLISECONDS.sleep(300);
            assertThat(done.get()).as("never runs blind").isEqualTo(atPause);
            db.run("ALTER TABLE fake_lag_gone RENAME TO fake_lag;\nUPDATE fake_lag SET seconds = 1");
            BackfillResult r = run.get(60, TimeUnit.SECONDS);
            assertThat(events).contains("resumed");
            assertThat(r.paused()).isGreaterThan(Duration.ofMillis(800));
            assertThat(counts(db, "SELECT touched, count(*) FROM t GROUP BY touched")).containsExactly("1 20000");

            db.run("UPDATE fake_lag SET seconds = 30");
            BackfillJob another = BackfillJob.ofSet("t", "touched = touched + 1", null).withId("second");
            assertThatThrownBy(() -> new Backfill(settings.withPauses(Duration.ofMillis(20), Duration.ofMillis(300)),
                    BackfillListener.NONE, List.of()).run(db.spec(), another))
                    .isInstanceOfSatisfying(EngineException.class, e -> {
                        assertThat(e.kind()).isEqualTo(EngineException.Kind.INCOMPLETE);
                        assertThat(e.getMessage()).contains("paused longer than --max-pause 300 ms: replication lag 30.0 s");
                    });
        }
    }

    @Test
    void aSessionWaitingOnTheBatchsRowLocksHalvesTheNextBatchAndPauses() throws Exception {
        try (TestDatabase db = TestDatabases.create(Dialect.POSTGRESQL)) {
            // Each batch holds its row locks 300 ms (a statement trigger sleeps after the rows are changed).
            db.run("CREATE TABLE t (id int PRIMARY KEY, touched int NOT NULL DEFAULT 0, other int NOT NULL DEFAULT 0);\n"
                    + "INSERT INTO t (id) SELECT g FROM generate_series(1, 2000) g;\n"
                    + "CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.3); RETURN NULL; END $$;\n"
                    + "CREATE TRIGGER slow AFTER UPDATE OF touched ON t FOR EACH STATEMENT EXECUTE FUNCTION slow()");
            List<String> pauses = new CopyOnWriteArrayList<>();
            List<BackfillListener.Progress> batches = new CopyOnWriteArrayList<>();
            BackfillListener listener = new BackfillListener() {
                @Override
                public void batch(Progress p) {
                    batches.add(p);
                }

                @Override
                public void paused(String reason, boolean failedCheck) {
                    pauses.add(reason);
                }
            };
            AtomicBoolean running = new AtomicBoolean(true);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("UPDATE t SET other = other + 1 WHERE id = ?")) {
                    while (running.get()) {
                        // Just ahead of the backfill, where the next batch will lock.
                        long done = batches.isEmpty() ? 0 : batches.get(batches.size() - 1).rowsWalked();
                        ps.setLong(1, Math.min(2000, done + 1 + ThreadLocalRandom.current().nextInt(50)));
                        ps.execute();
                        TimeUnit.MILLISECONDS.sleep(5);
                    }
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            BackfillResult r;
            try {
                r = new Backfill(BackfillSettings.defaults().withBatches(400, 10, 400).withTargetBatchTime(Duration.ofMillis(400)),
                        listener, List.of()).run(db.spec(), BackfillJob.ofSet("t", "touched = touched + 1", null));
            } finally {
                running.set(false);
                writer.get(30, TimeUnit.SECONDS);
            }
            assertThat(pauses).isNotEmpty().allMatch(p -> p.matches("a session waited \\d+ ms on the backfill's row locks"
                    + " \\(> --max-lock-wait 50 ms\\): next batch \\d+ rows"));
            assertThat(batches).extracting(BackfillListener.Progress::walked).anyMatch(n -> n < 400);
            assertThat(r.paused()).isPositive();
            assertThat(counts(db, "SELECT touched, count(*) FROM t GROUP BY touched")).containsExactly("1 2000");
        }
    }

    @Test
    void walksAUuidKeyAndResumesFromItsCheckpoint() throws Exception {
        try (TestDatabase db = TestDatabases.create(Dialect.POSTGRESQL)) {
            db.run("CREATE TABLE docs (id uuid PRIMARY KEY, touched int NOT NULL DEFAULT 0);\n"
                    + "INSERT INTO docs (id) SELECT gen_random_uuid() FROM generate_series(1, 3000)");
            BackfillJob job = BackfillJob.ofSet("docs", "touched = touched + 1", null);
            BackfillSettings fixed = BackfillSettings.defaults().withBatches(250, 250, 250);
            assertThat(new Backfill(fixed.withMaxBatches(3), BackfillListener.NONE, List.of()).run(db.spec(), job).outcome())
                    .isEqualTo(BackfillResult.Outcome.SAMPLED);
            assertThat(counts(db, "SELECT count(*) FROM docs WHERE touched = 1")).containsExactly("750");
            assertThat(counts(db, "SELECT rows_done, rows_walked, batches, last_key = '[\"' || (SELECT id FROM docs ORDER BY id"
                    + " OFFSET 749 LIMIT 1) || '\"]' FROM migration_delivery_backfill")).containsExactly("750 750 3 t");
            BackfillResult rest = new Backfill(fixed, BackfillListener.NONE, List.of()).run(db.spec(), job);
            assertThat(rest.rowsThisRun()).isEqualTo(2250);
            assertThat(counts(db, "SELECT touched, count(*) FROM docs GROUP BY touched")).containsExactly("1 3000");
        }
    }

    static void waitFor(Duration atMost, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", atMost).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}

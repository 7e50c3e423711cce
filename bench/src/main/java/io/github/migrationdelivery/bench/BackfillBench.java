package io.github.migrationdelivery.bench;

import io.github.migrationdelivery.engine.backfill.Backfill;
import io.github.migrationdelivery.engine.backfill.BackfillJob;
import io.github.migrationdelivery.engine.backfill.BackfillListener;
import io.github.migrationdelivery.engine.backfill.BackfillResult;
import io.github.migrationdelivery.engine.backfill.BackfillSettings;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;
import io.github.migrationdelivery.engine.snapshot.Secret;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

/**
 * The backfill against one unbatched UPDATE of the same 2,000,000 rows on PostgreSQL, each under
 * the same probe workload (threads reading and writing single rows by key), printed, never
 * asserted: rows/s of each, and the probes' p50/p99/max latency while each ran. Goal: the backfill
 * at least 50% of the unbatched rate with probe p99 under 50 ms.
 * Usage: {@code BackfillBench [runs] [rows] [probe-threads] [admin-jdbc-url] [user]}; defaults 3,
 * 2000000, 4, {@code jdbc:postgresql://127.0.0.1:5432/postgres}, {@code postgres}. Password from PGPASSWORD.
 */
public final class BackfillBench {

    private static final String CHANGE = "status = 'active', score = balance * 2";

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        String url = args.length > 3 ? args[3] : "jdbc:postgresql://127.0.0.1:5432/postgres";
        String user = args.length > 4 ? args[4] : "postgres";
        ConnectionSpec admin = new ConnectionSpec(Dialect.POSTGRESQL, url, user, Secret.of(System.getenv("PGPASSWORD")));
        String base = "md_bench_backfill_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        try (Connection c = admin.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + base);
            try {
                try (Connection b = admin.withDatabase(base).connect(); Statement bs = b.createStatement()) {
                    bs.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, balance int NOT NULL, status text, score int)");
                    bs.execute("INSERT INTO accounts (id, balance) SELECT g, g % 1000 FROM generate_series(1, " + rows + ") g");
                    bs.execute("VACUUM ANALYZE accounts");
                }
                System.out.printf("%,d rows, %d probe threads (half reads, half writes, one request every 5 ms each), load average %s%n",
                        rows, threads, loadAverage());
                System.out.println("run method      rows/s    seconds  probes  p50 ms  p99 ms  max ms  load");
                for (int run = 1; run <= runs; run++) {
                    for (boolean batched : new boolean[] {false, true}) {
                        String copy = base + "_" + run + (batched ? "_b" : "_u");
                        s.execute("CREATE DATABASE " + copy + " TEMPLATE " + base);
                        try {
                            ConnectionSpec target = admin.withDatabase(copy);
                            warm(target);
                            Measured m = measure(target, rows, threads, batched);
                            System.out.printf("%3d %-10s %9.0f %9.1f %7d %7.1f %7.1f %7.1f  %s%n", run, batched ? "backfill" : "UPDATE",
                                    m.rowsPerSecond(), m.seconds(), m.latenciesUs().length, percentile(m, 0.50), percentile(m, 0.99),
                                    percentile(m, 1.0), loadAverage());
                            if (batched) {
                                System.out.println("    " + m.note());
                            }
                        } finally {
                            s.execute("DROP DATABASE IF EXISTS " + copy + " WITH (FORCE)");
                        }
                    }
                }
            } finally {
                s.execute("DROP DATABASE IF EXISTS " + base + " WITH (FORCE)");
            }
        }
    }

    private record Measured(double seconds, double rowsPerSecond, long[] latenciesUs, String note) {
    }

    /** Reads the table once so neither method pays for a cold cache. */
    private static void warm(ConnectionSpec target) throws SQLException {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            s.execute("SELECT count(*), sum(balance) FROM accounts");
        }
    }

    private static Measured measure(ConnectionSpec target, int rows, int threads, boolean batched) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> probes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                probes.add(pool.submit(() -> probe(target, rows, running)));
            }
            TimeUnit.MILLISECONDS.sleep(500); // probes connected and running before the change starts
            long t0 = System.nanoTime();
            String note = "";
            if (batched) {
                BackfillResult r = new Backfill(BackfillSettings.defaults(), BackfillListener.NONE, List.of())
                        .run(target, BackfillJob.ofSet("accounts", CHANGE, null));
                BackfillResult.BatchTimes bt = r.batchTimes();
                note = String.format("backfill: %d batches, batch time p50 %d ms, p95 %d ms, max %d ms; paused %d ms",
                        r.batches(), bt.p50(), bt.p95(), bt.max(), r.paused().toMillis());
            } else {
                try (Connection c = target.connect(); Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE accounts SET " + CHANGE);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            running.set(false);
            LongStream all = LongStream.empty();
            for (Future<long[]> f : probes) {
                all = LongStream.concat(all, Arrays.stream(f.get()));
            }
            return new Measured(seconds, rows / seconds, all.sorted().toArray(), note);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Latencies in µs of single-row requests by key, alternating read and write, until told to stop. */
    private static long[] probe(ConnectionSpec target, int rows, AtomicBoolean running) {
        long[] out = new long[1 << 16];
        int n = 0;
        try (Connection c = target.connect();
             PreparedStatement read = c.prepareStatement("SELECT balance, status FROM accounts WHERE id = ?");
             PreparedStatement write = c.prepareStatement("UPDATE accounts SET balance = balance + 1 WHERE id = ?")) {
            boolean writing = ThreadLocalRandom.current().nextBoolean();
            while (running.get()) {
                PreparedStatement ps = writing ? write : read;
                ps.setLong(1, 1 + ThreadLocalRandom.current().nextInt(rows));
                long t = System.nanoTime();
                ps.execute();
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = (System.nanoTime() - t) / 1000;
                writing = !writing;
                TimeUnit.MILLISECONDS.sleep(5);
            }
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return Arrays.copyOf(out, n);
    }

    private static double percentile(Measured m, double p) {
        long[] s = m.latenciesUs();
        if (s.length == 0) {
            return 0;
        }
        int i = (int) Math.min(s.length - 1, Math.ceil(s.length * p) - 1);
        return s[Math.max(0, i)] / 1000.0;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }
}

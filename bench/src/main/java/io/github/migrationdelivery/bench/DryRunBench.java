package io.github.migrationdelivery.bench;

import io.github.migrationdelivery.engine.dryrun.DryRun;
import io.github.migrationdelivery.engine.dryrun.DryRunListener;
import io.github.migrationdelivery.engine.dryrun.DryRunReport;
import io.github.migrationdelivery.engine.dryrun.DryRunSettings;
import io.github.migrationdelivery.engine.dryrun.StatementRun;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.ServerVersion;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;
import io.github.migrationdelivery.engine.snapshot.Secret;
import io.github.migrationdelivery.engine.source.PlanReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The dry-run's cost and accuracy on PostgreSQL, printed, never asserted:
 * <ol>
 *   <li>wall time of the dry-run of {@code bench/dryrun/pg} (10 changesets) on a 1,000,000-row
 *       snapshot, divided by the wall time of {@code psql -f} applying the same SQL (each
 *       transactional changeset between BEGIN and COMMIT) to an identical copy (goal ≤ 1.15);</li>
 *   <li>for each statement holding a lock that blocks writes, the measured hold (statement start
 *       to commit) against the longest a probe's write waited (goal: within 10 ms).</li>
 * </ol>
 * Usage: {@code DryRunBench [runs] [admin-jdbc-url] [user]}; defaults 3,
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}, {@code postgres}. Password from PGPASSWORD.
 */
public final class DryRunBench {

    private final ConnectionSpec admin;

    private DryRunBench(ConnectionSpec admin) {
        this.admin = admin;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String url = args.length > 1 ? args[1] : "jdbc:postgresql://127.0.0.1:5432/postgres";
        String user = args.length > 2 ? args[2] : "postgres";
        ConnectionSpec admin = new ConnectionSpec(Dialect.POSTGRESQL, url, user, Secret.of(System.getenv("PGPASSWORD")));
        new DryRunBench(admin).run(runs, Path.of("bench/dryrun/pg"));
    }

    private void run(int runs, Path migrations) throws Exception {
        Plan plan = new PlanReader(Dialect.POSTGRESQL, ServerVersion.parse("15"), Set.of(), Set.of()).read(List.of(migrations));
        Path script = Files.createTempFile("dry-run-bench", ".sql");
        Files.writeString(script, psqlScript(plan));
        String base = name();
        List<Long> psqlMs = new ArrayList<>();
        List<Long> dryRunMs = new ArrayList<>();
        List<Long> errors = new ArrayList<>();
        try {
            long t = System.nanoTime();
            admin("CREATE DATABASE " + base);
            execute(admin.withDatabase(base), "CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL,"
                    + " amount int NOT NULL, note text)",
                    "INSERT INTO orders SELECT g, g % 1000, g % 500, 'order ' || g FROM generate_series(1, 1000000) g",
                    "VACUUM ANALYZE orders");
            System.out.printf("snapshot: orders with 1,000,000 rows built in %d ms; %d changesets, %d statements%n",
                    ms(t), plan.changesets().size(), plan.statementCount());
            for (int r = 1; r <= runs; r++) {
                // Alternate which goes first, so neither always gets the warmer cache.
                boolean psqlFirst = r % 2 == 1;
                for (int k = 0; k < 2; k++) {
                    if ((k == 0) == psqlFirst) {
                        psqlMs.add(timePsql(base, script));
                    } else {
                        DryRunReport report = timeDryRun(base, plan, dryRunMs);
                        for (StatementRun s : report.statements()) {
                            if (s.blocksWrites() && s.maxWriteBlockedMs() > 0) {
                                long error = s.writeBlockingHeldMs() - s.maxWriteBlockedMs();
                                errors.add(error);
                                System.out.printf("  run %d %-50s %-20s held %5d ms, probe write blocked %5d ms, difference %+d ms%n",
                                        r, s.position(), s.strongestLock(), s.writeBlockingHeldMs(), s.maxWriteBlockedMs(), error);
                            }
                        }
                    }
                }
                System.out.printf("run %d: psql -f %d ms, dry-run %d ms%n", r, psqlMs.get(psqlMs.size() - 1),
                        dryRunMs.get(dryRunMs.size() - 1));
            }
        } finally {
            admin("DROP DATABASE IF EXISTS " + base + " WITH (FORCE)");
            Files.deleteIfExists(script);
        }
        long p = median(psqlMs);
        long d = median(dryRunMs);
        System.out.printf("%nmedian psql -f: %d ms; median dry-run: %d ms; ratio dry-run / psql: %.2f (goal <= 1.15)%n",
                p, d, (double) d / p);
        List<Long> abs = errors.stream().map(Math::abs).sorted().toList();
        System.out.printf("hold vs probe: %d statements, median |difference| %d ms, max |difference| %d ms (goal within 10 ms)%n",
                abs.size(), abs.isEmpty() ? 0 : abs.get(abs.size() / 2), abs.isEmpty() ? 0 : abs.get(abs.size() - 1));
        System.out.printf("load average at the end: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
    }

    /** The plan as psql runs it: each transactional changeset between BEGIN and COMMIT, like the migration tool. */
    private static String psqlScript(Plan plan) {
        StringBuilder b = new StringBuilder("\\set ON_ERROR_STOP on\n");
        for (Changeset c : plan.changesets()) {
            b.append(c.transactional() ? "BEGIN;\n" : "");
            c.statements().forEach(s -> b.append(s.sql().strip()).append(s.sql().strip().endsWith(";") ? "\n" : ";\n"));
            b.append(c.transactional() ? "COMMIT;\n" : "");
        }
        return b.toString();
    }

    private long timePsql(String base, Path script) throws Exception {
        String copy = clone(base);
        try {
            ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-q", "-h", host(), "-p", port(), "-U", admin.user(),
                    "-d", copy, "-f", script.toString()).redirectErrorStream(true);
            long t = System.nanoTime();
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("psql failed: " + out);
            }
            return ms(t);
        } finally {
            admin("DROP DATABASE IF EXISTS " + copy + " WITH (FORCE)");
        }
    }

    private DryRunReport timeDryRun(String base, Plan plan, List<Long> times) {
        String copy = clone(base);
        try {
            long t = System.nanoTime();
            DryRunReport report = new DryRun(DryRunSettings.defaults().withoutRollbackRehearsal())
                    .run(plan, admin.withDatabase(copy), DryRunListener.NONE);
            times.add(ms(t));
            if (!report.failure().isEmpty()) {
                throw new IllegalStateException("dry-run failed: " + report.failure());
            }
            return report;
        } finally {
            admin("DROP DATABASE IF EXISTS " + copy + " WITH (FORCE)");
        }
    }

    private String clone(String base) {
        String copy = name();
        admin("CREATE DATABASE " + copy + " TEMPLATE " + base);
        return copy;
    }

    private String host() {
        return admin.jdbcUrl().replaceFirst("^jdbc:postgresql://([^:/]+).*$", "$1");
    }

    private String port() {
        String p = admin.jdbcUrl().replaceFirst("^jdbc:postgresql://[^:/]+:?(\\d*)/.*$", "$1");
        return p.isEmpty() ? "5432" : p;
    }

    private void admin(String sql) {
        try {
            execute(admin, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static void execute(ConnectionSpec spec, String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(spec.jdbcUrl(), spec.user(), spec.password().reveal());
             Statement s = c.createStatement()) {
            for (String one : sql) {
                s.execute(one);
            }
        }
    }

    private static String name() {
        return "md_bench_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static long ms(long startNs) {
        return (System.nanoTime() - startNs) / 1_000_000;
    }
}

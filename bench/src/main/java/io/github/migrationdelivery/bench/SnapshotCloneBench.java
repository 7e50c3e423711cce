package io.github.migrationdelivery.bench;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.snapshot.Snapshot;
import io.github.migrationdelivery.engine.snapshot.SnapshotOptions;
import io.github.migrationdelivery.engine.snapshot.Snapshots;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Time to clone a ~1 GB PostgreSQL database with {@code template:}. Builds the source once with
 * generate_series, prints its size, opens the snapshot (timed), closes it (timed), drops the
 * source. Prints, never asserts.
 *
 * <pre>java -cp ... io.github.migrationdelivery.bench.SnapshotCloneBench [server-url] [rows] [runs]</pre>
 * Defaults: jdbc:postgresql://127.0.0.1:5432/postgres as postgres, 7,500,000 rows (about 1.1 GB), 3 runs.
 */
public final class SnapshotCloneBench {

    private SnapshotCloneBench() {
    }

    public static void main(String[] args) throws Exception {
        String server = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/postgres";
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 7_500_000L;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String user = System.getenv().getOrDefault("PGUSER", "postgres");
        String password = System.getenv().getOrDefault("PGPASSWORD", "");
        String source = "md_bench_clone_source";
        String sourceUrl = server.substring(0, server.lastIndexOf('/') + 1) + source;
        try (Connection admin = DriverManager.getConnection(server, user, password); Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + source + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + source);
            try {
                long t0 = System.nanoTime();
                try (Connection c = DriverManager.getConnection(sourceUrl, user, password); Statement b = c.createStatement()) {
                    b.execute("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL, note text NOT NULL,"
                            + " created_at timestamptz NOT NULL)");
                    b.execute("INSERT INTO orders SELECT g, g % 100000, md5(g::text) || md5((g + 1)::text),"
                            + " timestamptz '2024-01-01' + g * interval '1 second' FROM generate_series(1, " + rows + ") g");
                    b.execute("CREATE INDEX orders_customer ON orders (customer_id)");
                    b.execute("VACUUM ANALYZE orders");
                }
                System.out.printf("source: %,d rows, %s, built in %.1f s%n", rows,
                        size(s, source), (System.nanoTime() - t0) / 1e9);
                s.execute("CHECKPOINT"); // the build's dirty pages are not the clone's cost
                for (int run = 1; run <= runs; run++) {
                    long open0 = System.nanoTime();
                    Snapshot snapshot = Snapshots.provider("template:" + sourceUrl, Dialect.POSTGRESQL,
                            SnapshotOptions.of(System.getenv())).open();
                    double openS = (System.nanoTime() - open0) / 1e9;
                    String copySize = size(s, snapshot.connection().database());
                    long close0 = System.nanoTime();
                    snapshot.close();
                    double closeS = (System.nanoTime() - close0) / 1e9;
                    System.out.printf("run %d: template: clone of %s in %.2f s (copy %s), dropped in %.2f s%n",
                            run, size(s, source), openS, copySize, closeS);
                }
            } finally {
                s.execute("DROP DATABASE IF EXISTS " + source + " WITH (FORCE)");
            }
        }
    }

    private static String size(Statement s, String database) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT pg_size_pretty(pg_database_size('" + database + "')), pg_database_size('"
                + database + "')")) {
            rs.next();
            return rs.getString(1) + " (" + String.format("%,d", rs.getLong(2)) + " bytes)";
        }
    }
}

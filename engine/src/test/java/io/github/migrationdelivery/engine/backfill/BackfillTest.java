package io.github.migrationdelivery.engine.backfill;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.testdb.TestDatabase;
import io.github.migrationdelivery.engine.testdb.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The backfill on both servers: keys of each kind, resuming, refusing, failing rows. */
class BackfillTest {

    private static final BackfillSettings SMALL = BackfillSettings.defaults().withBatches(100, 10, 1_000)
            .withPauses(Duration.ofMillis(20), Duration.ofSeconds(30));

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
    void changesEveryRowTheWhereSelectsOnceAndAReRunDoesNothing(Dialect dialect) throws SQLException {
        try (TestDatabase db = TestDatabases.create(dialect)) {
            db.run("CREATE TABLE orders (id bigint PRIMARY KEY, status varchar(20), touched int NOT NULL DEFAULT 0);\n"
                    + "INSERT INTO orders (id) " + series(dialect, 5_000) + ";\n"
                    + "UPDATE orders SET status = 'old' WHERE id % 10 = 0");
            BackfillJob job = BackfillJob.ofSet("orders", "status = 'new', touched = touched + 1", "status IS NULL");
            List<BackfillListener.Progress> batches = new ArrayList<>();
            BackfillResult first = new Backfill(SMALL, recording(batches), List.of()).run(db.spec(), job);

            assertThat(first.outcome()).isEqualTo(BackfillResult.Outcome.FINISHED);
            assertThat(first.rowsThisRun()).isEqualTo(4_500);
            assertThat(first.walkedThisRun()).isEqualTo(5_000);
            assertThat(counts(db, "SELECT touched, status, count(*) FROM orders GROUP BY touched, status ORDER BY 1, 2"))
                    .containsExactly("0 old 500", "1 new 4500");
            assertThat(batches).hasSizeGreaterThan(4);
            assertThat(batches.get(0).walked()).isEqualTo(100);
            assertThat(batches).extracting(BackfillListener.Progress::nextBatchSize).anyMatch(n -> n != 100);

            BackfillResult again = new Backfill(SMALL, BackfillListener.NONE, List.of()).run(db.spec(), job);
            assertThat(again.outcome()).isEqualTo(BackfillResult.Outcome.ALREADY_FINISHED);
            assertThat(again.rowsDone()).isEqualTo(4_500);
            assertThat(counts(db, "SELECT max(touched) FROM orders")).containsExactly("1");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
    void walksACompositeKey(Dialect dialect) throws SQLException {
        try (TestDatabase db = TestDatabases.create(dialect)) {
            db.run("CREATE TABLE order_lines (tenant int NOT NULL, n int NOT NULL, touched int NOT NULL DEFAULT 0, PRIMARY KEY (tenant, n));\n"
                    + "INSERT INTO order_lines (tenant, n) SELECT g % 7, g FROM (" + series(dialect, 3_000) + ") s");
            BackfillResult r = new Backfill(SMALL.withBatches(97, 10, 97), BackfillListener.NONE, List.of())
                    .run(db.spec(), BackfillJob.ofSet("order_lines", "touched = touched + 1", null));
            assertThat(r.walkedThisRun()).isEqualTo(3_000);
            assertThat(counts(db, "SELECT touched, count(*) FROM order_lines GROUP BY touched")).containsExactly("1 3000");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
    void refusesATableWithoutAUsableKey(Dialect dialect) {
        try (TestDatabase db = TestDatabases.create(dialect)) {
            db.run("CREATE TABLE heap (id int, note text);\n"
                    + "CREATE TABLE nullable (id int UNIQUE, note text)");
            assertThatThrownBy(() -> new Backfill(SMALL, BackfillListener.NONE, List.of())
                    .run(db.spec(), BackfillJob.ofSet("heap", "note = 'x'", null)))
                    .isInstanceOfSatisfying(EngineException.class, e -> {
                        assertThat(e.kind()).isEqualTo(EngineException.Kind.BAD_INPUT);
                        assertThat(e.getMessage()).contains("heap").contains("no primary key or unique index");
                    });
            assertThatThrownBy(() -> new Backfill(SMALL, BackfillListener.NONE, List.of())
                    .run(db.spec(), BackfillJob.ofSet("nullable", "note = 'x'", null)))
                    .isInstanceOfSatisfying(EngineException.class, e -> {
                        assertThat(e.kind()).isEqualTo(EngineException.Kind.BAD_INPUT);
                        assertThat(e.getMessage()).contains("nullable column id");
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
    void aFailingRowStopsWithItsRangeAndKeyAndTheRunResumesAfterTheFix(Dialect dialect) throws SQLException {
        try (TestDatabase db = TestDatabases.create(dialect)) {
            db.run("CREATE TABLE items (id int PRIMARY KEY, raw varchar(10) NOT NULL, qty int, touched int NOT NULL DEFAULT 0);\n"
                    + "INSERT INTO items (id, raw) SELECT g, CAST(g AS char(10)) FROM (" + series(dialect, 2_000) + ") s;\n"
                    + "UPDATE items SET raw = 'x7' WHERE id = 1234");
            // MariaDB's CAST turns 'x7' into 0 with a warning; JSON_EXTRACT of bad JSON is an error there.
            String set = dialect == Dialect.POSTGRESQL ? "qty = CAST(raw AS int), touched = touched + 1"
                    : "qty = IF(raw REGEXP '^[0-9]+$', raw, JSON_EXTRACT('{', '$')), touched = touched + 1";
            BackfillJob job = BackfillJob.ofSet("items", set, null);
            assertThatThrownBy(() -> new Backfill(SMALL.withBatches(100, 100, 100), BackfillListener.NONE, List.of())
                    .run(db.spec(), job))
                    .isInstanceOfSatisfying(EngineException.class, e -> {
                        assertThat(e.kind()).isEqualTo(EngineException.Kind.INCOMPLETE);
                        assertThat(e.getMessage()).contains("id 1201..1300").contains("first failing row id=1234")
                                .contains("1200 rows done");
                    });
            assertThat(counts(db, "SELECT touched, count(*) FROM items GROUP BY touched ORDER BY 1"))
                    .containsExactly("0 800", "1 1200");
            db.run("UPDATE items SET raw = '1234' WHERE id = 1234");
            BackfillResult resumed = new Backfill(SMALL, BackfillListener.NONE, List.of()).run(db.spec(), job);
            assertThat(resumed.rowsThisRun()).isEqualTo(800);
            assertThat(counts(db, "SELECT touched, count(*) FROM items GROUP BY touched")).containsExactly("1 2000");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MARIADB"})
    void aTemplateGetsInclusiveBoundsAndAnInterruptedRunResumesWithoutDoingARowTwice(Dialect dialect) throws Exception {
        try (TestDatabase db = TestDatabases.create(dialect)) {
            db.run("CREATE TABLE t (k varchar(12) PRIMARY KEY, touched int NOT NULL DEFAULT 0);\n"
                    + "INSERT INTO t (k) SELECT CONCAT('k', LPAD(CAST(g AS char(8)), 6, '0')) FROM (" + series(dialect, 4_000) + ") s");
            BackfillJob job = BackfillJob.ofSql("t", "UPDATE t SET touched = touched + 1 WHERE k BETWEEN :lo AND :hi");
            AtomicInteger seen = new AtomicInteger();
            Thread runner = new Thread(() -> {
                BackfillListener stopAfterFive = new BackfillListener() {
                    @Override
                    public void batch(Progress p) {
                        if (seen.incrementAndGet() == 5) {
                            Thread.currentThread().interrupt();
                        }
                    }
                };
                assertThatThrownBy(() -> new Backfill(SMALL.withBatches(100, 100, 100), stopAfterFive, List.of()).run(db.spec(), job))
                        .isInstanceOfSatisfying(EngineException.class,
                                e -> assertThat(e.kind()).isEqualTo(EngineException.Kind.INCOMPLETE));
            });
            runner.start();
            runner.join();
            assertThat(counts(db, "SELECT touched, count(*) FROM t GROUP BY touched ORDER BY 1"))
                    .containsExactly("0 3500", "1 500");
            BackfillResult rest = new Backfill(SMALL, BackfillListener.NONE, List.of()).run(db.spec(), job);
            assertThat(rest.rowsDone()).isEqualTo(4_000);
            assertThat(counts(db, "SELECT touched, count(*) FROM t GROUP BY touched")).containsExactly("1 4000");
        }
    }

    static String series(Dialect dialect, int n) {
        return dialect == Dialect.POSTGRESQL ? "SELECT g FROM generate_series(1, " + n + ") g"
                : "SELECT seq AS g FROM seq_1_to_" + n;
    }

    static BackfillListener recording(List<BackfillListener.Progress> into) {
        return new BackfillListener() {
            @Override
            public void batch(Progress p) {
                into.add(p);
            }
        };
    }

    /** Each row as its columns joined by spaces. */
    static List<String> counts(TestDatabase db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    line.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                out.add(line.toString());
            }
        }
        return out;
    }
}

package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.testdb.TestDatabase;
import io.github.migrationdelivery.engine.testdb.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Snapshots of a real PostgreSQL source of 1,000,000 orders, built once for the class. */
class PostgresSnapshotsTest {

    private static final long ORDERS = 1_000_000;
    private static TestDatabase source;

    @BeforeAll
    static void buildSource() {
        source = TestDatabases.create(Dialect.POSTGRESQL).run("""
                CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped');
                CREATE TABLE customers (id serial PRIMARY KEY, email varchar(120) NOT NULL UNIQUE, name text);
                CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    customer_id int NOT NULL REFERENCES customers, status order_status NOT NULL DEFAULT 'new',
                    note text, amount numeric(10,2) CHECK (amount >= 0), created_at timestamptz NOT NULL DEFAULT now());
                CREATE TABLE tags (id int PRIMARY KEY, label text NOT NULL);
                CREATE TABLE order_tags (order_id bigint REFERENCES orders, tag_id int REFERENCES tags,
                    PRIMARY KEY (order_id, tag_id));
                CREATE INDEX orders_customer ON orders (customer_id);
                INSERT INTO customers (email, name) SELECT 'c' || g || '@example.com', 'Customer ' || g
                    FROM generate_series(1, 10000) g;
                INSERT INTO tags SELECT g, 'tag ' || g FROM generate_series(1, 20) g;
                INSERT INTO orders (customer_id, status, note, amount)
                    SELECT 1 + g % 10000, (ARRAY['new','paid','shipped']::order_status[])[1 + g % 3],
                           CASE WHEN g % 10 < 7 THEN NULL ELSE 'note ' || (g % 50) END, (g % 1000) / 10.0
                    FROM generate_series(1, 1000000) g;
                INSERT INTO order_tags SELECT g, 1 + g % 20 FROM generate_series(1, 50000) g;
                VACUUM ANALYZE
                """);
    }

    @AfterAll
    static void dropSource() {
        if (source != null) {
            source.close();
        }
    }

    @RegisterExtension
    final NothingLeftBehind nothingLeftBehind = new NothingLeftBehind(Dialect.POSTGRESQL);

    private static String sourceUrl() {
        return source.spec().jdbcUrl();
    }

    private static SnapshotOptions options() {
        return SnapshotOptions.of(Map.of());
    }

    @Test
    void templateClonesRowsAndLeavesTheSourceUntouched() throws SQLException {
        String name;
        try (Snapshot s = Snapshots.provider("template:" + sourceUrl(), Dialect.POSTGRESQL, options()).open()) {
            name = s.connection().database();
            assertThat(name).startsWith("md_dryrun_").isNotEqualTo(source.name());
            assertThat(Databases.count(s.connection(), "SELECT count(*) FROM orders")).isEqualTo(ORDERS);
            try (Connection c = TestDatabases.connect(s.connection())) {
                c.createStatement().execute("DELETE FROM order_tags; ALTER TABLE orders ADD COLUMN extra int");
            }
            assertThat(s.description()).contains("template:", source.name(), name);
        }
        assertThat(Databases.exists(Dialect.POSTGRESQL, name)).as("dropped on close").isFalse();
        assertThat(Databases.count(source.spec(), "SELECT count(*) FROM order_tags")).isEqualTo(50_000);
        assertThat(Databases.count(source.spec(),
                "SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'extra'")).isZero();
    }

    @Test
    void jdbcUrlIsCopiedUnlessInPlace() throws SQLException {
        try (Snapshot s = Snapshots.provider(sourceUrl(), Dialect.POSTGRESQL, options()).open()) {
            assertThat(s.connection().database()).startsWith("md_dryrun_");
        }
        try (Snapshot s = Snapshots.provider(sourceUrl(), Dialect.POSTGRESQL, options().withInPlace(true)).open()) {
            assertThat(s.connection().database()).isEqualTo(source.name());
            assertThat(s.description()).contains("in place");
        }
        assertThat(Databases.exists(Dialect.POSTGRESQL, source.name())).as("in place: close drops nothing").isTrue();
    }

    @Test
    void sourceWithOtherSessionsFailsWithOneLineNamingIt() throws SQLException {
        try (Connection other = source.connect()) {
            assertThat(other.isValid(1)).isTrue();
            assertThatThrownBy(() -> Snapshots.provider("template:" + sourceUrl(), Dialect.POSTGRESQL, options()).open())
                    .isInstanceOfSatisfying(EngineException.class, e -> {
                        assertThat(e.kind()).isEqualTo(EngineException.Kind.DATABASE);
                        assertThat(e.oneLine()).doesNotContain("\n")
                                .contains("\"" + source.name() + "\"", "being accessed by 1 other session", "disconnect",
                                        "dump:", "synthetic:");
                    });
        }
    }

    @Test
    void dumpRoundTrip(@TempDir Path dir) throws Exception {
        Path dump = dir.resolve("source.dump");
        Process p = new ProcessBuilder("pg_dump", "-Fc", "-h", "127.0.0.1", "-U", "postgres", "-d", source.name(),
                "-f", dump.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
        String name;
        try (Snapshot s = Snapshots.provider("dump:" + dump, Dialect.POSTGRESQL, options()).open()) {
            name = s.connection().database();
            assertThat(Databases.count(s.connection(), "SELECT count(*) FROM orders")).isEqualTo(ORDERS);
            assertThat(Databases.count(s.connection(), "SELECT count(*) FROM order_tags")).isEqualTo(50_000);
        }
        assertThat(Databases.exists(Dialect.POSTGRESQL, name)).isFalse();
    }

    @Test
    void missingDumpFileIsBadInputNamingThePath(@TempDir Path dir) {
        Path missing = dir.resolve("nope.dump");
        assertThatThrownBy(() -> Snapshots.provider("dump:" + missing, Dialect.POSTGRESQL, options()))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.kind()).isEqualTo(EngineException.Kind.BAD_INPUT);
                    assertThat(e.oneLine()).contains(missing.toString(), "--snapshot");
                });
    }

    @Test
    void failedRestoreLeavesNothing(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.sql");
        java.nio.file.Files.writeString(broken, "CREATE TABLE a (id int);\nTHIS IS NOT SQL;\n");
        assertThatThrownBy(() -> Snapshots.provider("dump:" + broken, Dialect.POSTGRESQL, options()).open())
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.kind()).isEqualTo(EngineException.Kind.DATABASE);
                    assertThat(e.oneLine()).contains("psql", "syntax error").doesNotContain("\n");
                });
    }

    @Test
    void productionUrlIsRefusedWhateverItsSpelling() {
        SnapshotOptions prod = options().withProductionUrl(
                "jdbc:postgresql://localhost/" + source.name() + "?sslmode=disable&ApplicationName=x");
        for (String uri : new String[] {"template:jdbc:postgresql://127.0.0.1:5432/" + source.name(),
                "jdbc:postgresql://admin:pw@127.0.0.1/" + source.name() + "?ApplicationName=x&sslmode=disable",
                "synthetic:jdbc:postgresql://localhost:5432/" + source.name()}) {
            assertThatThrownBy(() -> Snapshots.provider(uri, Dialect.POSTGRESQL, prod))
                    .isInstanceOfSatisfying(EngineException.class, e -> {
                        assertThat(e.kind()).isEqualTo(EngineException.Kind.BAD_INPUT);
                        assertThat(e.oneLine()).contains("production.url").doesNotContain("pw").doesNotContain("\n");
                    });
        }
        assertThat(Snapshots.provider("template:jdbc:postgresql://127.0.0.1:5433/" + source.name(), Dialect.POSTGRESQL, prod))
                .as("another port is another server").isNotNull();
    }

    @Test
    void unreachableHostIsDatabaseKindInOneLine() {
        assertThatThrownBy(() -> Snapshots.provider("template:jdbc:postgresql://u:topsecret@127.0.0.1:1/db",
                Dialect.POSTGRESQL, options()).open())
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.kind()).isEqualTo(EngineException.Kind.DATABASE);
                    assertThat(e.oneLine()).contains("127.0.0.1:1").doesNotContain("topsecret").doesNotContain("\n");
                });
    }

    @Test
    void unknownKindNamesTheOption() {
        assertThatThrownBy(() -> Snapshots.provider("ftp://x:secret@host/db", Dialect.POSTGRESQL, options()))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.kind()).isEqualTo(EngineException.Kind.BAD_INPUT);
                    assertThat(e.oneLine()).startsWith("--snapshot").contains("template:", "synthetic:").doesNotContain("secret");
                });
    }

    @Test
    void syntheticReproducesRowCountsAndHonoursKeys() throws SQLException {
        String name;
        try (Snapshot s = Snapshots.provider("synthetic:" + sourceUrl(), Dialect.POSTGRESQL, options()).open()) {
            name = s.connection().database();
            ConnectionSpec copy = s.connection();
            for (String table : new String[] {"customers", "orders", "tags", "order_tags"}) {
                long expected = Databases.count(source.spec(), "SELECT count(*) FROM " + table);
                assertThat((double) Databases.count(copy, "SELECT count(*) FROM " + table)).as(table)
                        .isCloseTo(expected, within(expected * 0.01));
            }
            // Constraints exist (post-data built them over the generated rows) and hold.
            assertThat(Databases.count(copy, "SELECT count(*) FROM pg_constraint WHERE contype IN ('p','u','f')"
                    + " AND connamespace = 'public'::regnamespace AND convalidated")).isEqualTo(
                    Databases.count(source.spec(), "SELECT count(*) FROM pg_constraint WHERE contype IN ('p','u','f')"
                            + " AND connamespace = 'public'::regnamespace"));
            assertThat(Databases.count(copy, "SELECT count(*) FROM orders o LEFT JOIN customers c ON c.id = o.customer_id"
                    + " WHERE c.id IS NULL")).isZero();
            assertThat(Databases.count(copy, "SELECT count(DISTINCT email) FROM customers"))
                    .isEqualTo(Databases.count(copy, "SELECT count(*) FROM customers"));
            // The null fraction and distinct values of pg_stats carry over.
            double nulls = Databases.count(copy, "SELECT count(*) FROM orders WHERE note IS NULL") / (double) ORDERS;
            assertThat(nulls).isCloseTo(0.7, within(0.02));
            assertThat(Databases.count(copy, "SELECT count(DISTINCT status) FROM orders")).isEqualTo(3);
            // The identity continues after the generated keys.
            try (Connection c = TestDatabases.connect(copy)) {
                c.createStatement().execute("INSERT INTO orders (customer_id) VALUES (1)");
            }
            assertThat(Databases.count(copy, "SELECT count(*) FROM pg_constraint WHERE conname = 'orders_amount_check'"
                    + " AND convalidated")).as("the CHECK is back and holds").isEqualTo(1);
            assertThat(s.description()).contains("synthetic:", "generated rows").doesNotContain("NOT VALID");
        }
        assertThat(Databases.exists(Dialect.POSTGRESQL, name)).isFalse();
    }

    @Test
    void syntheticScalesRowCounts() throws SQLException {
        try (Snapshot s = Snapshots.provider("synthetic:" + sourceUrl(), Dialect.POSTGRESQL, options().withScale(0.1)).open()) {
            assertThat((double) Databases.count(s.connection(), "SELECT count(*) FROM orders"))
                    .isCloseTo(ORDERS * 0.1, within(ORDERS * 0.001));
        }
    }
}

package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.testdb.TestDatabase;
import io.github.migrationdelivery.engine.testdb.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code synthetic:} of a real MariaDB source of 1,000,000 orders (built once for the class with
 * INSERT ... SELECT from the SEQUENCE engine): row counts, keys, null fractions, the source left as
 * it was, nothing left behind.
 */
class MariadbSyntheticTest {

    private static final List<String> TABLES = List.of("customers", "audit", "orders", "tags", "order_tags", "employees");
    private static TestDatabase source;
    /** CHECKSUM TABLE of every table of the source, taken once it was built. */
    private static Map<String, Long> checksums;

    @BeforeAll
    static void buildSource() throws SQLException {
        source = TestDatabases.create(Dialect.MARIADB).run("""
                CREATE TABLE customers (id int PRIMARY KEY AUTO_INCREMENT, email varchar(120) NOT NULL UNIQUE,
                    name varchar(80), tier enum('free','pro','team') NOT NULL DEFAULT 'free', created datetime NOT NULL);
                CREATE TABLE audit (id bigint PRIMARY KEY AUTO_INCREMENT, customer_id int NOT NULL,
                    at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP);
                CREATE TABLE orders (id bigint PRIMARY KEY AUTO_INCREMENT, customer_id int NOT NULL,
                    status enum('new','paid','shipped') NOT NULL, note varchar(200), amount decimal(10,2) CHECK (amount >= 0),
                    paid boolean NOT NULL DEFAULT 0, placed_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, payload json,
                    ref binary(16), flags set('gift','rush','fragile'), KEY orders_customer (customer_id),
                    CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id));
                CREATE TABLE tags (id smallint unsigned PRIMARY KEY, label varchar(30) NOT NULL UNIQUE, color bit(3),
                    since year, at time, icon blob, about text, weight float, score double, born date,
                    CONSTRAINT tags_weight CHECK (weight < 1000));
                CREATE TABLE order_tags (order_id bigint, tag_id smallint unsigned, PRIMARY KEY (order_id, tag_id),
                    FOREIGN KEY (order_id) REFERENCES orders (id), FOREIGN KEY (tag_id) REFERENCES tags (id));
                CREATE TABLE employees (id int PRIMARY KEY, manager_id int, name varchar(40) NOT NULL,
                    FOREIGN KEY (manager_id) REFERENCES employees (id));
                CREATE VIEW paid_orders AS SELECT id, customer_id FROM orders WHERE status = 'paid';
                CREATE TRIGGER customers_audit AFTER INSERT ON customers FOR EACH ROW INSERT INTO audit (customer_id) VALUES (NEW.id);
                INSERT INTO customers (email, name, tier, created)
                    SELECT concat('c', seq, '@example.com'), IF(seq % 4 = 0, NULL, concat('Customer ', seq)),
                           ELT(1 + seq % 3, 'free', 'pro', 'team'), TIMESTAMP '2021-01-01 00:00:00' + INTERVAL seq MINUTE
                    FROM seq_1_to_10000;
                INSERT INTO tags SELECT seq, concat('tag ', seq), seq % 8, 2000 + seq, SEC_TO_TIME(seq * 60), NULL, NULL,
                    seq / 2, seq * 3.5, DATE '2020-01-01' + INTERVAL seq DAY FROM seq_1_to_20;
                SET foreign_key_checks = 0;
                INSERT INTO orders (customer_id, status, note, amount, paid, payload, ref, flags)
                    SELECT 1 + seq % 10000, ELT(1 + seq % 3, 'new', 'paid', 'shipped'),
                           IF(seq % 10 < 7, NULL, concat('note ', seq % 50)), (seq % 1000) / 10, seq % 2,
                           IF(seq % 5 = 0, JSON_OBJECT('n', seq), NULL), UNHEX(MD5(seq)), IF(seq % 3 = 0, 'gift', NULL)
                    FROM seq_1_to_1000000;
                SET foreign_key_checks = 1;
                INSERT INTO order_tags SELECT seq, 1 + seq % 20 FROM seq_1_to_50000;
                INSERT INTO employees SELECT seq, IF(seq = 1, NULL, seq DIV 2), concat('Employee ', seq) FROM seq_1_to_500;
                ANALYZE TABLE orders PERSISTENT FOR COLUMNS (status, note, amount) INDEXES ()
                """);
        checksums = checksums(source.spec());
    }

    @AfterAll
    static void dropSource() {
        if (source != null) {
            source.close();
        }
    }

    @RegisterExtension
    final NothingLeftBehind nothingLeftBehind = new NothingLeftBehind(Dialect.MARIADB);

    @AfterEach
    void theSourceIsUnchanged() throws SQLException {
        assertThat(checksums(source.spec())).as("the source, table by table").isEqualTo(checksums);
    }

    private static String uri() {
        return "synthetic:jdbc:mariadb://127.0.0.1:3306/" + source.name();
    }

    @Test
    void reproducesRowCountsNullsAndKeys() throws SQLException {
        String name;
        try (Snapshot s = Snapshots.provider(uri(), Dialect.MARIADB, SnapshotOptions.of(Map.of())).open()) {
            name = s.connection().database();
            ConnectionSpec copy = s.connection();
            assertThat(name).startsWith("md_dryrun_");
            for (String table : TABLES) {
                long expected = Databases.count(source.spec(), "SELECT COUNT(*) FROM " + table);
                long generated = Databases.count(copy, "SELECT COUNT(*) FROM " + table);
                System.out.printf("synthetic mariadb %s: source %d, generated %d (%+.3f%%)%n", table, expected, generated,
                        100.0 * (generated - expected) / expected);
                assertThat((double) generated).as(table).isCloseTo(expected, within(expected * 0.01));
            }
            // Keys hold (the inserts would have failed otherwise) and every reference finds its row.
            assertThat(Databases.count(copy, "SELECT COUNT(DISTINCT email) FROM customers"))
                    .isEqualTo(Databases.count(copy, "SELECT COUNT(*) FROM customers"));
            assertThat(Databases.count(copy, "SELECT COUNT(*) FROM orders o LEFT JOIN customers c ON c.id = o.customer_id"
                    + " WHERE c.id IS NULL")).isZero();
            assertThat(Databases.count(copy, "SELECT COUNT(*) FROM order_tags ot LEFT JOIN orders o ON o.id = ot.order_id"
                    + " LEFT JOIN tags t ON t.id = ot.tag_id WHERE o.id IS NULL OR t.id IS NULL")).isZero();
            assertThat(Databases.count(copy, "SELECT COUNT(*) FROM employees e LEFT JOIN employees m ON m.id = e.manager_id"
                    + " WHERE e.manager_id IS NOT NULL AND m.id IS NULL")).as("self-references").isZero();
            String foreignKeys = "SELECT COUNT(*) FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ";
            assertThat(Databases.count(copy, foreignKeys + "'" + name + "'"))
                    .isEqualTo(Databases.count(source.spec(), foreignKeys + "'" + source.name() + "'")).isEqualTo(4);
            // Null fractions and distinct counts carry over: from mysql.column_stats (orders.note),
            // from the sample of the first rows (customers.name, orders.payload).
            assertThat(fraction(copy, "orders", "note IS NULL")).isCloseTo(0.7, within(0.01));
            assertThat(fraction(copy, "customers", "name IS NULL"))
                    .isCloseTo(fraction(source.spec(), "customers", "name IS NULL"), within(0.02));
            assertThat(fraction(copy, "orders", "payload IS NULL")).isCloseTo(0.8, within(0.01));
            assertThat(Databases.count(copy, "SELECT COUNT(*) FROM orders WHERE payload IS NOT NULL AND NOT JSON_VALID(payload)"))
                    .isZero();
            assertThat(Databases.count(copy, "SELECT COUNT(DISTINCT status) FROM orders")).isEqualTo(3);
            assertThat(Databases.count(copy, "SELECT COUNT(DISTINCT tier) FROM customers")).isEqualTo(3);
            // Triggers come after the rows: audit has the source's count, not one more row per generated customer.
            assertThat(Databases.count(copy, "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '"
                    + name + "'")).isEqualTo(1);
            assertThat(Databases.count(copy, "SELECT COUNT(*) FROM paid_orders")).as("the view is there").isPositive();
            // The copy takes new rows: AUTO_INCREMENT continues after the generated keys, the trigger fires.
            try (Connection c = TestDatabases.connect(copy)) {
                c.createStatement().execute("INSERT INTO customers (email, created) VALUES ('new@example.com', NOW())");
            }
            assertThat(Databases.count(copy, "SELECT COUNT(*) FROM audit")).isEqualTo(10_001);
            assertThat(s.description()).contains("synthetic:", "generated rows", "scale 1.0")
                    .doesNotContain("estimated").doesNotContain("violate");
        }
        assertThat(Databases.exists(Dialect.MARIADB, name)).as("dropped on close").isFalse();
    }

    @Test
    void scalesRowCounts() throws SQLException {
        try (Snapshot s = Snapshots.provider(uri(), Dialect.MARIADB, SnapshotOptions.of(Map.of()).withScale(0.1)).open()) {
            for (String table : TABLES) {
                double expected = Databases.count(source.spec(), "SELECT COUNT(*) FROM " + table) * 0.1;
                long generated = Databases.count(s.connection(), "SELECT COUNT(*) FROM " + table);
                System.out.printf("synthetic mariadb --scale 0.1 %s: expected %.1f, generated %d (%+.3f%%)%n", table, expected,
                        generated, 100.0 * (generated - expected) / expected);
                assertThat((double) generated).as(table).isCloseTo(expected, within(Math.max(1, expected * 0.01)));
            }
        }
    }

    @Test
    void countsTooSlowToTakeUseTheEstimateAndSaySo() throws SQLException {
        long estimate = Databases.count(TestDatabases.server(Dialect.MARIADB), "SELECT TABLE_ROWS FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = '" + source.name() + "' AND TABLE_NAME = 'orders'");
        SyntheticProvider provider = new SyntheticProvider(source.spec(), 0.01, new MariadbSynthetic(Duration.ofMillis(1)));
        try (Snapshot s = provider.open()) {
            assertThat(Databases.count(s.connection(), "SELECT COUNT(*) FROM orders")).isEqualTo(Math.round(estimate * 0.01));
            assertThat(s.description()).contains("row counts estimated (TABLE_ROWS; COUNT(*) over 1 ms): ").contains("orders");
        }
    }

    @Test
    void aFailedGenerationDropsTheThrowAwayDatabase() throws SQLException {
        // Many rows share NULL in a unique column; generated keys are never NULL, and 150 of them do not fit decimal(2,0).
        try (TestDatabase narrow = TestDatabases.create(Dialect.MARIADB).run("""
                CREATE TABLE codes (id int PRIMARY KEY, code decimal(2,0) UNIQUE);
                INSERT INTO codes SELECT seq, IF(seq <= 90, seq, NULL) FROM seq_1_to_150
                """)) {
            assertThatThrownBy(() -> Snapshots.provider("synthetic:" + narrow.spec().jdbcUrl(), Dialect.MARIADB,
                    SnapshotOptions.of(Map.of())).open())
                    .isInstanceOfSatisfying(EngineException.class, e -> {
                        assertThat(e.kind()).isEqualTo(EngineException.Kind.DATABASE);
                        assertThat(e.oneLine()).contains("synthetic: generating rows of " + narrow.name() + ".codes", "Duplicate");
                    });
        }
        try (TestDatabase places = TestDatabases.create(Dialect.MARIADB).run("""
                CREATE TABLE places (id int PRIMARY KEY, pos point NOT NULL);
                INSERT INTO places VALUES (1, POINT(1, 2))
                """)) {
            assertThatThrownBy(() -> Snapshots.provider("synthetic:" + places.spec().jdbcUrl(), Dialect.MARIADB,
                    SnapshotOptions.of(Map.of())).open())
                    .isInstanceOfSatisfying(EngineException.class, e -> {
                        assertThat(e.kind()).isEqualTo(EngineException.Kind.BAD_INPUT);
                        assertThat(e.oneLine()).contains("cannot generate values of type point for " + places.name() + ".places.pos");
                    });
        }
    }

    @Test
    void rowsComeFromDigitsWhereTheSequenceEngineIsMissing() throws SQLException {
        for (boolean sequenceEngine : new boolean[] {true, false}) {
            MariadbSyntheticValues values = new MariadbSyntheticValues(sequenceEngine);
            for (long n : new long[] {1, 9, 10, 11, 1000, 12_345}) {
                try (Connection c = TestDatabases.connect(source.spec()); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT g), MIN(g), MAX(g) FROM " + values.series(n))) {
                    rs.next();
                    assertThat(List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                            .as("n = " + n + ", sequence engine " + sequenceEngine).containsExactly(n, n, 1L, n);
                }
            }
        }
    }

    @Test
    void enumLiteralsAreReadAsWritten() {
        assertThat(MariadbSynthetic.literals("enum('a','b''c','d\\\\e',',)')"))
                .containsExactly("'a'", "'b''c'", "'d\\\\e'", "',)'");
        assertThat(MariadbSynthetic.literals("set('x')")).containsExactly("'x'");
    }

    private static double fraction(ConnectionSpec spec, String table, String condition) throws SQLException {
        return Databases.count(spec, "SELECT COUNT(*) FROM " + table + " WHERE " + condition)
                / (double) Databases.count(spec, "SELECT COUNT(*) FROM " + table);
    }

    private static Map<String, Long> checksums(ConnectionSpec spec) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = TestDatabases.connect(spec); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = s.executeQuery("CHECKSUM TABLE " + table)) {
                    rs.next();
                    out.put(table, rs.getLong(2));
                }
            }
        }
        return out;
    }
}

package io.github.migrationdelivery.engine.compat;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.snapshot.SnapshotOptions;
import io.github.migrationdelivery.engine.snapshot.Snapshots;
import io.github.migrationdelivery.engine.source.PlanReader;
import io.github.migrationdelivery.engine.testdb.TestDatabase;
import io.github.migrationdelivery.engine.testdb.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** compat on both servers: the running version's schema in a test database, the plan applied to it in place. */
class CompatTest {

    @TempDir
    Path tmp;

    private CompatReport compat(TestDatabase db, Dialect dialect, String plan, Optional<UsedColumns> used) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("plan" + System.nanoTime()));
        Files.writeString(dir.resolve("V2__release.sql"), plan);
        Plan p = new PlanReader(dialect, null, Set.of(), Set.of()).read(List.of(dir));
        // In place: the test database is thrown away by the test anyway.
        return new Compat(used).fromSnapshot(p, Snapshots.provider(db.spec().jdbcUrl(),
                dialect, SnapshotOptions.of(Map.of()).withInPlace(true)));
    }

    private UsedColumns used(String text) throws Exception {
        Path f = tmp.resolve("used" + System.nanoTime() + ".txt");
        Files.writeString(f, text);
        return UsedColumns.read(f);
    }

    @Test
    void postgresBreakingChangesAndAnUnusedDropThatIsHarmless() throws Exception {
        try (TestDatabase db = TestDatabases.create(Dialect.POSTGRESQL)) {
            db.run("CREATE TYPE mood AS ENUM ('happy', 'sad');\n"
                    + "CREATE TABLE orders (id bigint PRIMARY KEY, note text, legacy integer, code varchar(100),"
                    + " status text NOT NULL DEFAULT 'new', qty bigint, price numeric(12,2), m mood);\n"
                    + "CREATE TABLE audit (id int);\nCREATE VIEW order_codes AS SELECT id, code FROM orders");
            String plan = "ALTER TABLE orders RENAME COLUMN note TO remark;\n"
                    + "ALTER TABLE orders DROP COLUMN legacy;\n"
                    + "DROP VIEW order_codes;\n"
                    + "ALTER TABLE orders ALTER COLUMN code TYPE varchar(50);\n"
                    + "ALTER TABLE orders ALTER COLUMN qty TYPE integer;\n"
                    + "ALTER TABLE orders ALTER COLUMN price TYPE numeric(10,2);\n"
                    + "ALTER TABLE orders ADD COLUMN region text NOT NULL;\n"
                    + "ALTER TABLE orders ADD COLUMN channel text NOT NULL DEFAULT 'web';\n"
                    + "ALTER TABLE orders ALTER COLUMN status DROP DEFAULT;\n"
                    + "ALTER TYPE mood RENAME VALUE 'sad' TO 'unhappy';\n"
                    + "ALTER TABLE audit RENAME TO audit_log;\n";
            CompatReport r = compat(db, Dialect.POSTGRESQL, plan, Optional.of(used(
                    "# what release 1.4 reads and writes\norders.id\norders.note\norders.code\norders.status\norders.qty\n"
                            + "orders.price\norders.m\naudit.*\n")));
            assertThat(r.pending()).containsExactly("2");
            assertThat(r.changes()).extracting(CompatChange::kind, CompatChange::object, CompatChange::breaking).containsExactlyInAnyOrder(
                    tuple(CompatChange.Kind.RENAMED_TABLE, "table audit", true),
                    tuple(CompatChange.Kind.DROPPED_VIEW, "view order_codes", false),
                    tuple(CompatChange.Kind.RENAMED_COLUMN, "column orders.note", true),
                    tuple(CompatChange.Kind.DROPPED_COLUMN, "column orders.legacy", false),
                    tuple(CompatChange.Kind.NARROWED_TYPE, "column orders.code", true),
                    tuple(CompatChange.Kind.NARROWED_TYPE, "column orders.qty", true),
                    tuple(CompatChange.Kind.NARROWED_TYPE, "column orders.price", true),
                    tuple(CompatChange.Kind.NEW_NOT_NULL_WITHOUT_DEFAULT, "column orders.region", true),
                    tuple(CompatChange.Kind.DROPPED_DEFAULT, "column orders.status", true),
                    tuple(CompatChange.Kind.REMOVED_ENUM_VALUES, "enum mood", true));
            CompatChange rename = r.changes().stream().filter(c -> c.kind() == CompatChange.Kind.RENAMED_COLUMN).findFirst().orElseThrow();
            assertThat(rename.reason()).isEqualTo("renamed to remark");
            assertThat(rename.phases()).hasSize(4).first().asString().contains("add remark text");
            assertThat(r.changes().stream().filter(c -> !c.breaking())).allSatisfy(c -> assertThat(c.phases()).isEmpty());
        }
    }

    @Test
    void withoutUsedColumnsEveryDropBreaksAndWideningsAreHarmless() throws Exception {
        try (TestDatabase db = TestDatabases.create(Dialect.POSTGRESQL)) {
            db.run("CREATE TABLE t (id int PRIMARY KEY, a varchar(10), b integer, c text, gone int)");
            CompatReport r = compat(db, Dialect.POSTGRESQL, "ALTER TABLE t ALTER COLUMN a TYPE varchar(20);\n"
                    + "ALTER TABLE t ALTER COLUMN b TYPE bigint;\nALTER TABLE t ALTER COLUMN c SET DEFAULT 'x';\n"
                    + "ALTER TABLE t DROP COLUMN gone;\n", Optional.empty());
            assertThat(r.changes()).extracting(CompatChange::kind, CompatChange::breaking)
                    .containsExactly(tuple(CompatChange.Kind.DROPPED_COLUMN, true));
        }
    }

    @Test
    void mariadbBreakingChanges() throws Exception {
        try (TestDatabase db = TestDatabases.create(Dialect.MARIADB)) {
            db.run("CREATE TABLE orders (id bigint PRIMARY KEY, note text, legacy int, code varchar(100),"
                    + " status enum('new','paid','void') NOT NULL DEFAULT 'new', qty bigint)");
            String plan = "ALTER TABLE orders CHANGE COLUMN note remark text;\n"
                    + "ALTER TABLE orders DROP COLUMN legacy;\n"
                    + "ALTER TABLE orders MODIFY code varchar(50);\n"
                    + "ALTER TABLE orders MODIFY qty int;\n"
                    + "ALTER TABLE orders MODIFY status enum('new','paid') NOT NULL DEFAULT 'new';\n"
                    + "ALTER TABLE orders ADD COLUMN region varchar(10) NOT NULL;\n";
            CompatReport r = compat(db, Dialect.MARIADB, plan, Optional.of(used("orders.note\norders.code\norders.status\norders.qty\n")));
            assertThat(r.changes()).extracting(CompatChange::kind, CompatChange::object, CompatChange::breaking).containsExactlyInAnyOrder(
                    tuple(CompatChange.Kind.RENAMED_COLUMN, "column orders.note", true),
                    tuple(CompatChange.Kind.DROPPED_COLUMN, "column orders.legacy", false),
                    tuple(CompatChange.Kind.NARROWED_TYPE, "column orders.code", true),
                    tuple(CompatChange.Kind.NARROWED_TYPE, "column orders.qty", true),
                    tuple(CompatChange.Kind.REMOVED_ENUM_VALUES, "column orders.status", true),
                    tuple(CompatChange.Kind.NEW_NOT_NULL_WITHOUT_DEFAULT, "column orders.region", true));
        }
    }
}

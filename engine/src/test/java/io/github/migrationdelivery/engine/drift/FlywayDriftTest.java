package io.github.migrationdelivery.engine.drift;

import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.snapshot.Snapshots;
import io.github.migrationdelivery.engine.source.PlanReader;
import io.github.migrationdelivery.engine.testdb.TestDatabase;
import io.github.migrationdelivery.engine.testdb.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * drift on MariaDB for a Flyway folder. The history rows are written with Flyway's table layout
 * and the checksums the plan computes (ChangesetChecksumTest proves they are Flyway's own).
 */
class FlywayDriftTest {

    @TempDir
    Path tmp;

    private Path folder(String... nameAndSql) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("m" + System.nanoTime()));
        for (int i = 0; i < nameAndSql.length; i += 2) {
            Files.writeString(dir.resolve(nameAndSql[i]), nameAndSql[i + 1]);
        }
        return dir;
    }

    private static Plan read(Path dir) {
        return new PlanReader(Dialect.MARIADB, null, Set.of(), Set.of()).keepingDuplicateVersions().read(List.of(dir));
    }

    /** Applies the changesets and records them in flyway_schema_history in the given order, as Flyway would. */
    private static void migrate(TestDatabase db, Plan plan, String... versionsInOrder) throws Exception {
        db.run("CREATE TABLE flyway_schema_history (installed_rank int NOT NULL PRIMARY KEY, version varchar(50),"
                + " description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL, checksum int,"
                + " installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT current_timestamp,"
                + " execution_time int NOT NULL, success bool NOT NULL)");
        int rank = 1;
        for (String version : versionsInOrder) {
            Changeset cs = plan.changesets().stream().filter(c -> c.id().equals(version)).findFirst().orElseThrow();
            new SchemaBuild().apply(new Plan(plan.dialect(), List.of(cs)), db.spec(), "the test database");
            try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO flyway_schema_history"
                    + " (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)"
                    + " VALUES (?, ?, ?, 'SQL', ?, ?, 'ci', 1, true)")) {
                ps.setInt(1, rank++);
                ps.setString(2, cs.id());
                ps.setString(3, cs.description());
                ps.setString(4, cs.position().file().getFileName().toString());
                ps.setInt(5, Integer.parseInt(cs.checksum()));
                ps.executeUpdate();
            }
        }
    }

    private static DriftReport check(Plan plan, TestDatabase db, boolean schema) {
        return new Drift().check(plan, db.spec(), schema ? Optional.of(Snapshots.empty(db.spec())) : Optional.empty());
    }

    @Test
    void handAppliedAlterIsDriftAndAChangedFileIsModified() throws Exception {
        Path dir = folder("V1__orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, amount decimal(12,2) NOT NULL DEFAULT 0);\n",
                "V2__index.sql", "CREATE INDEX orders_amount ON orders (amount);\n");
        Plan plan = read(dir);
        try (TestDatabase db = TestDatabases.create(Dialect.MARIADB)) {
            migrate(db, plan, "1", "2");
            DriftReport clean = check(plan, db, true);
            assertThat(clean.checksums()).isEmpty();
            assertThat(clean.schema().orElseThrow().differences()).isEmpty();
            assertThat(clean.clean()).isTrue();

            db.run("ALTER TABLE orders ADD COLUMN hotfix int;\nALTER TABLE orders ALTER COLUMN amount SET DEFAULT 1;\n"
                    + "DROP INDEX orders_amount ON orders");
            DriftReport drift = check(plan, db, true);
            DriftReport.SchemaComparison s = drift.schema().orElseThrow();
            assertThat(s.differences()).extracting(d -> d.object())
                    .containsExactly("column orders.amount", "column orders.hotfix", "index orders.orders_amount");
            assertThat(s.reconcile()).contains("ALTER TABLE orders MODIFY COLUMN amount decimal(12,2) not null default 0.00;",
                    "ALTER TABLE orders DROP COLUMN hotfix;", "CREATE INDEX `orders_amount` ON `orders` (amount);");
            assertThat(drift.clean()).isFalse();

            Files.writeString(dir.resolve("V2__index.sql"), "CREATE INDEX orders_amount ON orders (amount, id);\n");
            DriftReport edited = check(read(dir), db, false);
            assertThat(edited.checksums()).extracting(ChecksumFinding::kind, ChecksumFinding::changeset)
                    .containsExactly(tuple(ChecksumFinding.Kind.MODIFIED, "2"));
        }
    }

    @Test
    void unknownOutOfOrderNotAppliedFailedAndDuplicateVersions() throws Exception {
        Path dir = folder("V1__a.sql", "CREATE TABLE a (id int);\n", "V2__b.sql", "CREATE TABLE b (id int);\n",
                "V3__c.sql", "CREATE TABLE c (id int);\n", "V4__d.sql", "CREATE TABLE d (id int);\n");
        Plan plan = read(dir);
        try (TestDatabase db = TestDatabases.create(Dialect.MARIADB)) {
            // V3 before V1, V2 never: a concurrent branch; V4 applied then deleted from the files.
            migrate(db, plan, "3", "1", "4");
            Files.delete(dir.resolve("V4__d.sql"));
            db.run("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                    + " installed_by, execution_time, success) VALUES (9, '5', 'e', 'SQL', 'V5__e.sql', 1, 'ci', 1, false)");
            Files.writeString(dir.resolve("V5__e.sql"), "CREATE TABLE e (id int);\n");
            Files.writeString(dir.resolve("V3__c_other_branch.sql"), "CREATE TABLE c2 (id int);\n");
            DriftReport r = check(read(dir), db, false);
            assertThat(r.checksums()).extracting(ChecksumFinding::kind, ChecksumFinding::changeset).containsExactlyInAnyOrder(
                    tuple(ChecksumFinding.Kind.DUPLICATE, "3"),
                    tuple(ChecksumFinding.Kind.NOT_APPLIED, "2"),
                    tuple(ChecksumFinding.Kind.APPLIED_OUT_OF_ORDER, "1"),
                    tuple(ChecksumFinding.Kind.MODIFIED, "3"),
                    tuple(ChecksumFinding.Kind.FAILED, "5"),
                    tuple(ChecksumFinding.Kind.UNKNOWN, "4"));
            assertThat(r.clean()).isFalse();
        }
    }
}

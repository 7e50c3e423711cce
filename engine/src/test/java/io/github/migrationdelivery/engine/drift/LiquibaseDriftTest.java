package io.github.migrationdelivery.engine.drift;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.snapshot.Snapshots;
import io.github.migrationdelivery.engine.source.PlanReader;
import io.github.migrationdelivery.engine.testdb.TestDatabase;
import io.github.migrationdelivery.engine.testdb.TestDatabases;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** drift on PostgreSQL against a database that Liquibase's own {@code update} migrated from the example changelog. */
class LiquibaseDriftTest {

    private static final Path EXAMPLE = Path.of("../examples/orders-service/db");

    @TempDir
    static Path tmp;

    static TestDatabase db;

    @BeforeAll
    static void migratedByLiquibase() throws Exception {
        db = TestDatabases.create(Dialect.POSTGRESQL);
        // Liquibase closes the connection it was given.
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(db.connect()));
        try (Liquibase liquibase = new Liquibase("changelog.xml", new DirectoryResourceAccessor(EXAMPLE), database)) {
            liquibase.update("");
        }
    }

    @AfterAll
    static void drop() {
        if (db != null) {
            db.close();
        }
    }

    private static Plan plan(Path changelog) {
        return new PlanReader(Dialect.POSTGRESQL, null, Set.of(), Set.of()).keepingDuplicateVersions().read(List.of(changelog));
    }

    private static DriftReport check(Plan plan, boolean schema) {
        return new Drift().check(plan, db.spec(), schema ? Optional.of(Snapshots.empty(db.spec())) : Optional.empty());
    }

    @Test
    void untouchedDatabaseIsCleanAndHandAppliedChangesAreDriftWithReconcilingSql() {
        Plan plan = plan(EXAMPLE.resolve("changelog.xml"));
        DriftReport clean = check(plan, true);
        assertThat(clean.checksums()).isEmpty();
        assertThat(clean.schema().orElseThrow().differences()).isEmpty();
        assertThat(clean.clean()).isTrue();
        assertThat(clean.applied()).isEqualTo(plan.changesets().size());

        db.run("ALTER TABLE orders ADD COLUMN hotfix int;\n"
                + "ALTER TABLE customers ALTER COLUMN created_at SET DEFAULT '2020-01-01';\n"
                + "CREATE INDEX orders_amount_idx ON orders (amount) WHERE amount > 0");
        try {
            DriftReport drift = check(plan, true);
            assertThat(drift.clean()).isFalse();
            DriftReport.SchemaComparison s = drift.schema().orElseThrow();
            assertThat(s.differences()).extracting(d -> d.object())
                    .containsExactly("column customers.created_at", "column orders.hotfix", "index orders_amount_idx");
            assertThat(s.reconcile()).contains(
                    "ALTER TABLE customers ALTER COLUMN created_at SET DEFAULT now();",
                    "ALTER TABLE orders DROP COLUMN hotfix;",
                    "DROP INDEX CONCURRENTLY IF EXISTS orders_amount_idx;");
        } finally {
            db.run("ALTER TABLE orders DROP COLUMN hotfix;\n"
                    + "ALTER TABLE customers ALTER COLUMN created_at SET DEFAULT now();\n"
                    + "DROP INDEX orders_amount_idx");
        }
        // A dropped column is missing live: the reconciling SQL adds it back as the migrations define it.
        db.run("ALTER TABLE orders DROP COLUMN status");
        try {
            DriftReport.SchemaComparison s = check(plan, true).schema().orElseThrow();
            assertThat(s.reconcile()).containsExactly("ALTER TABLE orders ADD COLUMN status text not null default 'pending'::text;");
        } finally {
            db.run("ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'pending'");
        }
    }

    @Test
    void anEditedAppliedChangesetIsModifiedAndChangesetsMissingFromTheFilesAreUnknown() throws Exception {
        Path copy = tmp.resolve("edited");
        copyTree(EXAMPLE, copy);
        Path baseline = copy.resolve("changes/baseline.xml");
        Files.writeString(baseline, Files.readString(baseline).replace("name=\"full_name\" type=\"text\"", "name=\"full_name\" type=\"varchar(200)\""));
        DriftReport r = check(plan(copy.resolve("changelog.xml")), false);
        assertThat(r.checksums()).extracting(ChecksumFinding::kind, ChecksumFinding::changeset)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ChecksumFinding.Kind.MODIFIED, "1.0-customers::orders-team"));
        assertThat(r.checksums().get(0).where()).endsWith("changes/baseline.xml:8:5");
        assertThat(r.clean()).isFalse();

        // Only the baseline in the files: every release-2.0 changeset applied is unknown.
        DriftReport unknown = check(plan(EXAMPLE.resolve("changes/baseline.xml")), false);
        assertThat(unknown.checksums()).isNotEmpty().allSatisfy(f -> {
            assertThat(f.kind()).isEqualTo(ChecksumFinding.Kind.UNKNOWN);
            assertThat(f.changeset()).startsWith("2.0-");
            assertThat(f.where()).isEqualTo("changes/release-2.0.xml");
        });
    }

    @Test
    void aChecksumOfAnOlderLiquibaseVersionIsNotComparableRatherThanModified() {
        Plan plan = plan(EXAMPLE.resolve("changelog.xml"));
        String stored = plan.changesets().stream().filter(c -> c.id().equals("1.0-orders")).findFirst().orElseThrow().checksum();
        db.run("UPDATE databasechangelog SET md5sum = '8:0123456789abcdef0123456789abcdef' WHERE id = '1.0-orders'");
        try {
            DriftReport r = check(plan, false);
            assertThat(r.checksums()).extracting(ChecksumFinding::kind).containsExactly(ChecksumFinding.Kind.NOT_COMPARABLE);
            assertThat(r.clean()).isTrue();
        } finally {
            db.run("UPDATE databasechangelog SET md5sum = '" + stored + "' WHERE id = '1.0-orders'");
        }
    }

    static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}

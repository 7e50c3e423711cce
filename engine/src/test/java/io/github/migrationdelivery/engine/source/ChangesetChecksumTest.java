package io.github.migrationdelivery.engine.source;

import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.testdb.TestDatabase;
import io.github.migrationdelivery.engine.testdb.TestDatabases;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/** The plan's per-changeset checksums are the ones the migration tools themselves record. */
class ChangesetChecksumTest {

    private static final Path EXAMPLE = Path.of("../examples/orders-service/db");

    @TempDir
    Path tmp;

    @Test
    void liquibaseChecksumsAreWhatLiquibaseUpdateStores() throws Exception {
        Plan plan = new PlanReader(Dialect.POSTGRESQL, null, Set.of(), Set.of())
                .read(List.of(EXAMPLE.resolve("changelog.xml")));
        Map<String, String> stored = new HashMap<>();
        try (TestDatabase db = TestDatabases.create(Dialect.POSTGRESQL)) {
            // Liquibase closes the connection it was given.
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(db.connect()));
            try (Liquibase liquibase = new Liquibase("changelog.xml", new DirectoryResourceAccessor(EXAMPLE), database)) {
                liquibase.update("");
            }
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, author, md5sum FROM databasechangelog")) {
                while (rs.next()) {
                    stored.put(rs.getString(1) + "::" + rs.getString(2), rs.getString(3));
                }
            }
        }
        assertThat(plan.changesets()).isNotEmpty();
        for (Changeset cs : plan.changesets()) {
            assertThat(cs.checksum()).as(cs.displayName()).startsWith("9:").isEqualTo(stored.get(cs.displayName()));
        }
    }

    @Test
    void flywayChecksumIsTheCrc32OfTheLinesWithoutTheirBreaks() throws Exception {
        String text = "\uFEFFCREATE TABLE a (id int);\r\n\n-- été\rSELECT 1;\n";
        Path dir = Files.createDirectories(tmp.resolve("m"));
        Files.writeString(dir.resolve("V1__a.sql"), text);
        Plan plan = new PlanReader(Dialect.POSTGRESQL, null, Set.of(), Set.of()).read(List.of(dir));
        CRC32 crc = new CRC32();
        for (String line : List.of("CREATE TABLE a (id int);", "", "-- été", "SELECT 1;")) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(plan.changesets().get(0).checksum()).isEqualTo(Integer.toString((int) crc.getValue()));
        // A changed line changes it.
        Files.writeString(dir.resolve("V1__a.sql"), text.replace("SELECT 1", "SELECT 2"));
        Plan changed = new PlanReader(Dialect.POSTGRESQL, null, Set.of(), Set.of()).read(List.of(dir));
        assertThat(changed.changesets().get(0).checksum()).isNotEqualTo(plan.changesets().get(0).checksum());
    }
}

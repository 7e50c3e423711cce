package io.github.migrationdelivery.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** drift and compat end to end on the local PostgreSQL: exit codes, text and JSON, no throw-away database left behind. */
class DriftCompatCommandsTest {

    private static final String SERVER = CliRuns.SERVER;
    private static final Pattern THROW_AWAY = Pattern.compile("md_dryrun_[0-9a-f]+");

    @TempDir
    Path dir;

    String database;
    Path plan;

    @BeforeEach
    void databaseBuiltByHandAsTheMigrationSays() throws Exception {
        database = CliRuns.seededDatabase("md_cli_", "CREATE TABLE orders (id bigint PRIMARY KEY, note text, legacy int)");
        plan = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(plan.resolve("V1__orders.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY, note text, legacy int);\n");
    }

    @AfterEach
    void drop() throws SQLException {
        CliRuns.dropDatabase(database);
    }

    @Test
    void driftIsCleanThenFailsOnAHandAppliedColumnWithJson() throws Exception {
        CliRuns.Run clean = CliRuns.run("drift", "--target", SERVER + database, plan.toString());
        assertThat(clean.exit()).as(clean.err() + clean.out()).isZero();
        assertThat(clean.out()).contains("drift: clean");

        execute("ALTER TABLE orders ADD COLUMN hotfix int");
        Path json = dir.resolve("drift.json");
        CliRuns.Run drift = CliRuns.run("drift", "--target", SERVER + database, "--json", json.toString(), plan.toString());
        assertThat(drift.exit()).as(drift.err()).isEqualTo(1);
        assertThat(drift.out()).contains("schema: column orders.hotfix: in the live database only (integer)",
                "    ALTER TABLE orders DROP COLUMN hotfix;", "drift: FAILED");
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.get("clean").asBoolean()).isFalse();
        assertThat(doc.at("/schema/differences/0/object").asText()).isEqualTo("column orders.hotfix");
        assertThat(leftBehind(drift.out())).isZero();
    }

    @Test
    void compatFailsOnABreakingDropAndPassesWhenTheColumnIsUnused() throws Exception {
        // A migration that does not apply to the before schema: one DATABASE line naming the statement.
        execute("DROP TABLE orders");
        Path drop = Files.createDirectories(dir.resolve("release"));
        Files.writeString(drop.resolve("V2__drop.sql"), "ALTER TABLE orders DROP COLUMN legacy;\n");
        CliRuns.Run failing = CliRuns.run("compat", "--before", SERVER + database, drop.toString());
        assertThat(failing.exit()).as(failing.err()).isEqualTo(3);
        assertThat(failing.err()).contains("V2__drop.sql:1:1", "relation \"orders\" does not exist");
        execute("CREATE TABLE orders (id bigint PRIMARY KEY, note text, legacy int)");
        CliRuns.Run broken = CliRuns.run("compat", "--before", SERVER + database, drop.toString());
        assertThat(broken.exit()).as(broken.err()).isEqualTo(1);
        assertThat(broken.out()).contains("BREAKING dropped-column: column orders.legacy", "    1. release N:", "compat: FAILED");
        Path used = dir.resolve("used.txt");
        Files.writeString(used, "# release 1.4\norders.id\norders.note\n");
        CliRuns.Run harmless = CliRuns.run("compat", "--before", SERVER + database, "--used-columns", used.toString(), "--json", "-", drop.toString());
        assertThat(harmless.exit()).as(harmless.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(harmless.out());
        assertThat(doc.get("breaking").asBoolean()).isFalse();
        assertThat(doc.at("/changes/0/kind").asText()).isEqualTo("dropped-column");
        assertThat(leftBehind(broken.out())).isZero();
    }

    @Test
    void compatNeedsExactlyOneSource() {
        CliRuns.Run neither = CliRuns.run("compat", plan.toString());
        assertThat(neither.exit()).isEqualTo(2);
        assertThat(neither.err()).contains("exactly one of --target");
    }

    /** How many of the throw-away databases the output names still exist (other runs share the server). */
    private static long leftBehind(String output) throws SQLException {
        Matcher m = THROW_AWAY.matcher(output);
        long left = 0;
        boolean named = false;
        while (m.find()) {
            named = true;
            try (Connection c = CliRuns.admin(); var ps = c.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
                ps.setString(1, m.group());
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    left += rs.getLong(1);
                }
            }
        }
        assertThat(named).as("the output names the throw-away database: " + output).isTrue();
        return left;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + database, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }


}

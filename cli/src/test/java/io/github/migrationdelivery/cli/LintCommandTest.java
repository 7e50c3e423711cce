package io.github.migrationdelivery.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The lint command end to end, as a CI job runs it. */
class LintCommandTest {

    private static final Path EXAMPLE = Path.of("../examples/orders-service/db");

    private record Run(int exit, String out, String err) {
    }

    private static Run lint(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("lint"));
        all.addAll(List.of(args));
        int exit = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void theExampleReleasePasses() {
        Run run = lint(EXAMPLE.resolve("changes/release-2.0.xml").toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("plan: destructive, not blocking")
                .as("the contract step's drop is allowed with a reason").doesNotContain("[ban-drop-column]");
    }

    @Test
    void theNaiveReleaseFailsWithTheFindingsThatMatter() throws IOException {
        Run run = lint(EXAMPLE.resolve("unsafe").toString(), "--format", "json");
        assertThat(run.exit()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(run.out());
        List<String> rules = new ArrayList<>();
        report.get("findings").forEach(f -> rules.add(f.get("ruleId").asText()));
        assertThat(rules).contains("require-concurrent-index-creation", "ban-drop-column", "backfill-in-migration",
                "ban-unbounded-dml");
        assertThat(report.at("/summary/classification").asText()).isEqualTo("destructive");
        assertThat(report.at("/summary/blocking").asBoolean()).isTrue();
        JsonNode index = findingOf(report, "require-concurrent-index-creation");
        assertThat(index.get("file").asText()).endsWith("V7__naive_release.sql");
        assertThat(index.get("line").asInt()).isEqualTo(7);
        assertThat(index.at("/lock/mode").asText()).isEqualTo("ShareLock");
        assertThat(index.at("/lock/blocksWrites").asBoolean()).isTrue();
        assertThat(index.at("/lock/blocksReads").asBoolean()).isFalse();
        assertThat(index.get("safeRewrite").asText()).contains("CREATE INDEX CONCURRENTLY");
    }

    private static JsonNode findingOf(JsonNode report, String rule) {
        for (JsonNode f : report.get("findings")) {
            if (f.get("ruleId").asText().equals(rule)) {
                return f;
            }
        }
        throw new AssertionError("no " + rule + " finding");
    }

    @Test
    void failOnNeverReportsWithoutFailing() {
        assertThat(lint(EXAMPLE.resolve("unsafe").toString(), "--fail-on", "never").exit()).isZero();
    }

    @Test
    void outputGoesToTheFileAndASummaryToStandardOutput(@TempDir Path dir) throws IOException {
        Path sarif = dir.resolve("reports/lint.sarif");
        Run run = lint(EXAMPLE.resolve("unsafe").toString(), "--format", "sarif", "--output", sarif.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("gate FAILED").contains(sarif.toString());
        assertThat(new ObjectMapper().readTree(sarif.toFile()).get("version").asText()).isEqualTo("2.1.0");
        try (var files = Files.list(sarif.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("lint.sarif");
        }
    }

    @Test
    void aMissingPathIsOneLineAndExitTwo() {
        Run run = lint("no/such/changelog.xml");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no/such/changelog.xml").doesNotContain("Exception").hasLineCount(1);
    }

    @Test
    void anUnknownDialectIsNamed() {
        Run run = lint(EXAMPLE.resolve("unsafe").toString(), "--dialect", "oracle");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--dialect").contains("oracle").hasLineCount(1);
    }

    @Test
    void anUnknownOptionIsExitTwo() {
        Run run = lint(EXAMPLE.resolve("unsafe").toString(), "--frobnicate");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--frobnicate");
    }

    @Test
    void malformedXmlNamesFileAndLine(@TempDir Path dir) throws IOException {
        Path changelog = dir.resolve("changelog.xml");
        Files.writeString(changelog, "<?xml version=\"1.0\"?>\n<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">\n"
                + "  <changeSet id=\"1\" author=\"a\">\n    <sql>SELECT 1</sql>\n  </changeSet\n</databaseChangeLog>\n",
                StandardCharsets.UTF_8);
        Run run = lint(changelog.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("changelog.xml").hasLineCount(1).doesNotContain("at liquibase");
    }

    @Test
    void aBinaryFileIsRefused(@TempDir Path dir) throws IOException {
        Path binary = dir.resolve("V1__blob.sql");
        Files.write(binary, new byte[] {0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, (byte) 0xff, (byte) 0xfe});
        Run run = lint(binary.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("V1__blob.sql").hasLineCount(1);
    }

    @Test
    void anEmptyDirectoryIsAnEmptyPlan(@TempDir Path dir) {
        Run run = lint(dir.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(dir.toString()).hasLineCount(1);
    }

    @Test
    void aConfigurationWithAnUnknownKeyIsRefused(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("md.yml");
        Files.writeString(config, "dialect: postgresql\nfailOnn: warning\n", StandardCharsets.UTF_8);
        Run run = lint(EXAMPLE.resolve("unsafe").toString(), "--config", config.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("md.yml").contains("failOnn").hasLineCount(1);
    }

    @Test
    void malformedConfigurationYamlNamesTheLine(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("md.yml");
        Files.writeString(config, "dialect: postgresql\nrules:\n  disabled: [a, b\n", StandardCharsets.UTF_8);
        Run run = lint(EXAMPLE.resolve("unsafe").toString(), "--config", config.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).containsPattern("md\\.yml:\\d+:\\d+: malformed YAML").hasLineCount(1);
    }

    @Test
    void configurationCanRaiseTheFailLevelAndDisableRules(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("md.yml");
        Files.writeString(config, "rules:\n  disabled: [no-such-rule]\n", StandardCharsets.UTF_8);
        Run unknownRule = lint(EXAMPLE.resolve("unsafe").toString(), "--config", config.toString());
        assertThat(unknownRule.exit()).isEqualTo(2);
        assertThat(unknownRule.err()).contains("no-such-rule");

        Path migration = dir.resolve("V1__int_column.sql");
        Files.writeString(migration, "ALTER TABLE orders ADD COLUMN quantity int;\n", StandardCharsets.UTF_8);
        assertThat(lint(migration.toString()).exit()).as("only warnings: passes at the default level").isZero();
        Files.writeString(config, "failOn: warning\n", StandardCharsets.UTF_8);
        assertThat(lint(migration.toString(), "--config", config.toString()).exit())
                .as("failOn: warning fails on the int-column warning").isEqualTo(1);
        Files.writeString(config, "failOn: warning\nrules:\n  disabled: [prefer-bigint-over-int, require-lock-timeout, require-statement-timeout]\n",
                StandardCharsets.UTF_8);
        assertThat(lint(migration.toString(), "--config", config.toString()).exit())
                .as("with the warning rules disabled nothing is left").isZero();
    }

    @Test
    void helpWorksOnTheCommand() {
        Run run = lint("--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("--server-version").contains("--fail-on");
    }

    @Test
    void tableStatsReadsRowEstimatesFromTheDatabaseAndFindingsQuoteThem(@TempDir Path dir) throws Exception {
        String database = CliRuns.seededDatabase("md_cli_rules_",
                "CREATE TABLE orders (id bigint PRIMARY KEY, amount int)",
                "INSERT INTO orders SELECT g, g FROM generate_series(1, 25000) g",
                "ANALYZE orders");
        try {
            Path sql = Files.writeString(dir.resolve("V1__amount.sql"), "ALTER TABLE orders ALTER COLUMN amount TYPE bigint;\n");
            Run run = lint(sql.toString(), "--table-stats", CliRuns.SERVER + database + "?user=postgres");
            assertThat(run.exit()).as(run.err()).isEqualTo(1);
            assertThat(run.out()).contains("[changing-column-type]", "Production size: orders (≈25 k rows).");
            Run unreachable = lint(sql.toString(), "--table-stats", CliRuns.SERVER + database + "_missing?user=postgres");
            assertThat(unreachable.exit()).as("a database error").isEqualTo(3);
            assertThat(unreachable.err()).contains(database + "_missing").doesNotContain("Exception");
        } finally {
            CliRuns.dropDatabase(database);
        }
    }
}

package io.github.migrationdelivery.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.plan.SourcePosition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SarifReportWriterTest {

    private final JsonNode sarif;
    private final JsonNode run;

    SarifReportWriterTest() throws IOException {
        sarif = new ObjectMapper().readTree(LintResults.write(LintFormat.SARIF, LintResults.mixed()));
        run = sarif.at("/runs/0");
    }

    @Test
    void isOneSarif210Run() {
        assertThat(sarif.get("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.get("runs")).hasSize(1);
        assertThat(run.at("/tool/driver/name").asText()).isEqualTo("migration-delivery");
        assertThat(run.at("/tool/driver/version").asText()).isEqualTo("1.2.3");
        // No absolute home known in tests: SARIF forbids relative informationUri/helpUri, so they are left out.
        assertThat(run.at("/tool/driver").has("informationUri")).isFalse();
    }

    @Test
    void rulesAreSortedAndEveryResultPointsAtItsRule() {
        JsonNode rules = run.at("/tool/driver/rules");
        List<String> ids = new ArrayList<>();
        rules.forEach(r -> ids.add(r.get("id").asText()));
        // The three rules that ran, plus the one a finding names that the list lacks.
        assertThat(ids).containsExactly("ban-drop-column", "prefer-bigint", "require-concurrent-index-creation",
                "transaction-nesting");
        JsonNode results = run.get("results");
        assertThat(results).hasSize(4);
        for (JsonNode r : results) {
            assertThat(rules.get(r.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(r.get("ruleId").asText());
        }
        JsonNode index = rules.get(2);
        assertThat(index.at("/shortDescription/text").asText()).isEqualTo(LintResults.CONCURRENT_INDEX.summary());
        assertThat(index.at("/defaultConfiguration/level").asText()).isEqualTo("error");
        assertThat(index.at("/properties/docPath").asText()).isEqualTo("docs/rules/require-concurrent-index-creation.md");
        assertThat(index.at("/help/text").asText()).contains("docs/rules/require-concurrent-index-creation.md");
        assertThat(rules.get(1).at("/defaultConfiguration/level").asText()).isEqualTo("note");
    }

    @Test
    void resultsCarryLevelMessageWithFixAndLocation() {
        JsonNode results = run.get("results");
        assertThat(results.findValuesAsText("level")).containsExactly("error", "warning", "note", "warning");
        JsonNode index = results.get(0);
        assertThat(index.at("/message/text").asText())
                .startsWith("CREATE INDEX takes ShareLock")
                .endsWith("Fix:\n" + LintResults.INDEX_FIX);
        JsonNode location = index.at("/locations/0/physicalLocation");
        assertThat(location.at("/artifactLocation/uri").asText()).isEqualTo("db/changelog.xml");
        assertThat(location.at("/region/startLine").asInt()).isEqualTo(5);
        assertThat(location.at("/region/startColumn").asInt()).isEqualTo(9);
        assertThat(index.at("/properties/lockMode").asText()).isEqualTo("ShareLock");
        assertThat(index.at("/properties/blocks").toString()).isEqualTo("[\"writes\",\"DDL\"]");
        assertThat(index.at("/properties/changeset").asText()).isEqualTo("1::alice");
        assertThat(index.at("/properties/safeRewrite").asText()).isEqualTo(LintResults.INDEX_FIX);
        assertThat(results.get(1).at("/message/text").asText()).isEqualTo(LintResults.NASTY_MESSAGE);
    }

    @Test
    void artifactUriIsRelativeAndPercentEncoded() {
        JsonNode bigint = run.at("/results/2/locations/0/physicalLocation");
        assertThat(bigint.at("/artifactLocation/uri").asText()).isEqualTo("db/migration/V2__backfill%20status.sql");
        assertThat(URI.create(bigint.at("/artifactLocation/uri").asText()).isAbsolute()).isFalse();
        // A finding without a line has no region: SARIF regions start at line 1.
        assertThat(run.at("/results/3/locations/0/physicalLocation").has("region")).isFalse();
    }

    @Test
    void everyResultHasADistinctVersionedFingerprint() {
        List<String> prints = new ArrayList<>();
        for (JsonNode r : run.get("results")) {
            prints.add(r.at("/partialFingerprints").get(SarifReportWriter.FINGERPRINT_KEY).asText());
        }
        assertThat(prints).doesNotHaveDuplicates().allMatch(p -> p.matches("[0-9a-f]{64}"));
    }

    @Test
    void absoluteDocsBaseGivesHelpUri() throws IOException {
        ToolInfo tool = new ToolInfo("1.2.3", Optional.of(URI.create("https://example.org/md")),
                Optional.of(URI.create("https://example.org/md/blob/main/")));
        StringBuilder out = new StringBuilder();
        LintFormat.SARIF.writer(tool).write(LintResults.mixed(), out);
        JsonNode driver = new ObjectMapper().readTree(out.toString()).at("/runs/0/tool/driver");
        assertThat(driver.get("informationUri").asText()).isEqualTo("https://example.org/md");
        assertThat(driver.at("/rules/0/helpUri").asText())
                .isEqualTo("https://example.org/md/blob/main/docs/rules/ban-drop-column.md");
        RuleInfo rule = LintResults.BAN_DROP_COLUMN;
        assertThat(tool.ruleDocUri(rule)).contains(URI.create("https://example.org/md/blob/main/" + rule.docPath()));
    }

    @Test
    void absolutePathBecomesFileUri() {
        Path file = Path.of("/srv/db/changelog.xml");
        assertThat(SarifReportWriter.artifactUri(new SourcePosition(file, 1, 1)))
                .isEqualTo(file.toUri().toString());
    }
}

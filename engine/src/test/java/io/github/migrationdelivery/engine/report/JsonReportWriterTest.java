package io.github.migrationdelivery.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.migrationdelivery.engine.lint.LintResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class JsonReportWriterTest {

    /** The engine module's tests run in engine/; the schema lives at the repository root. */
    private static final Path SCHEMA = Path.of("..", "docs", "schemas", "lint-report-v1.schema.json");

    private final ObjectMapper mapper = new ObjectMapper();

    private JsonNode report(LintResult result) throws IOException {
        return mapper.readTree(LintResults.write(LintFormat.JSON, result));
    }

    @Test
    void topLevelNamesToolTargetAndSummary() throws IOException {
        JsonNode r = report(LintResults.mixed());
        assertThat(r.get("schemaVersion").asText()).isEqualTo("1");
        assertThat(r.at("/tool/name").asText()).isEqualTo("migration-delivery");
        assertThat(r.at("/tool/version").asText()).isEqualTo("1.2.3");
        assertThat(r.get("dialect").asText()).isEqualTo("postgresql");
        assertThat(r.get("serverVersion").asText()).isEqualTo("15");
        assertThat(r.get("failLevel").asText()).isEqualTo("error");
        JsonNode s = r.get("summary");
        assertThat(s.get("errors").asInt()).isEqualTo(1);
        assertThat(s.get("warnings").asInt()).isEqualTo(2);
        assertThat(s.get("infos").asInt()).isEqualTo(1);
        assertThat(s.get("classification").asText()).isEqualTo("destructive");
        assertThat(s.get("blocking").asBoolean()).isTrue();
        assertThat(s.get("failed").asBoolean()).isTrue();
    }

    @Test
    void changesetsCarryIdentityPlaceAndVerdict() throws IOException {
        JsonNode changesets = report(LintResults.mixed()).get("changesets");
        assertThat(changesets).hasSize(3);
        JsonNode one = changesets.get(0);
        assertThat(one.get("id").asText()).isEqualTo("1");
        assertThat(one.get("author").asText()).isEqualTo("alice");
        assertThat(one.get("name").asText()).isEqualTo("1::alice");
        assertThat(one.get("file").asText()).isEqualTo("db/changelog.xml");
        assertThat(one.get("line").asInt()).isEqualTo(3);
        assertThat(one.get("kind").asText()).isEqualTo("liquibase");
        assertThat(one.get("transactional").asBoolean()).isTrue();
        assertThat(one.get("classification").asText()).isEqualTo("destructive");
        assertThat(one.get("blocking").asBoolean()).isTrue();
        assertThat(one.get("findingIndexes")).extracting(JsonNode::asInt).containsExactly(0, 1);
        assertThat(changesets.get(1).get("kind").asText()).isEqualTo("versioned_sql");
        assertThat(changesets.get(1).get("findingIndexes")).extracting(JsonNode::asInt).containsExactly(2, 3);
        assertThat(changesets.get(2).get("findingIndexes")).isEmpty();
    }

    @Test
    void findingsCarryLockRewriteAndFix() throws IOException {
        JsonNode r = report(LintResults.mixed());
        JsonNode findings = r.get("findings");
        assertThat(findings).hasSize(4);
        JsonNode index = findings.get(0);
        assertThat(index.get("ruleId").asText()).isEqualTo("require-concurrent-index-creation");
        assertThat(index.get("severity").asText()).isEqualTo("error");
        assertThat(index.get("file").asText()).isEqualTo("db/changelog.xml");
        assertThat(index.get("line").asInt()).isEqualTo(5);
        assertThat(index.get("column").asInt()).isEqualTo(9);
        assertThat(index.get("changeset").asText()).isEqualTo("1::alice");
        assertThat(index.get("statement").asText()).isEqualTo(LintResults.INDEX_SQL);
        assertThat(index.at("/lock/mode").asText()).isEqualTo("ShareLock");
        assertThat(index.at("/lock/algorithm").isNull()).isTrue();
        assertThat(index.at("/lock/blocksReads").asBoolean()).isFalse();
        assertThat(index.at("/lock/blocksWrites").asBoolean()).isTrue();
        assertThat(index.at("/lock/blocksDdl").asBoolean()).isTrue();
        assertThat(index.get("rewritesTable").asBoolean()).isFalse();
        assertThat(index.get("safeRewrite").asText()).isEqualTo(LintResults.INDEX_FIX);
        assertThat(findings.get(1).get("message").asText()).isEqualTo(LintResults.NASTY_MESSAGE);
        assertThat(findings.get(2).at("/lock/algorithm").asText()).isEqualTo("INSTANT");
        assertThat(findings.get(2).get("rewritesTable").asBoolean()).isTrue();
        // Each changeset points at its findings in the flat list.
        assertThat(findings.get(r.at("/changesets/1/findingIndexes/1").asInt()).get("changeset").asText())
                .isEqualTo(r.at("/changesets/1/name").asText());
    }

    @Test
    void fingerprintsAreDistinctAndIgnoreLineMovesAndFormatting() throws IOException {
        JsonNode findings = report(LintResults.mixed()).get("findings");
        assertThat(findings.findValuesAsText("fingerprint")).doesNotHaveDuplicates().hasSize(4);
        assertThat(Fingerprints.normalize("CREATE  INDEX i\n  ON t (c) ;"))
                .isEqualTo(Fingerprints.normalize("create index i on t (c)"));
    }

    @Test
    void fingerprintNormalisationFoldsExactlyWhatTheRegexWhitespaceClassMatches() {
        // Fingerprints identify findings across releases, so normalising must stay what it was:
        // the regex \s runs (space, tab, LF, VT, FF, CR) fold, other Unicode spaces stay.
        String statement = " UPDATE\tt \u000B\f\r\n SET a = 'x\u00A0\u2003y' ;\t; ";
        String regex = statement.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
        assertThat(Fingerprints.normalize(statement)).isEqualTo(regex.substring(0, regex.length() - 4))
                .isEqualTo("update t set a = 'x\u00A0\u2003y'");
    }

    @Test
    void reportConformsToThePublishedSchema() throws IOException {
        JsonNode schema = mapper.readTree(Files.readString(SCHEMA));
        assertThat(SchemaCheck.violations(schema, report(LintResults.mixed()))).isEmpty();
        assertThat(SchemaCheck.violations(schema, report(LintResults.clean()))).isEmpty();
    }

    @Test
    void schemaCheckCatchesDrift() throws IOException {
        JsonNode schema = mapper.readTree(Files.readString(SCHEMA));
        ObjectNode broken = (ObjectNode) report(LintResults.mixed());
        broken.put("extra", 1);
        ((ObjectNode) broken.at("/findings/0")).remove("ruleId");
        ((ObjectNode) broken.at("/summary")).put("classification", "risky");
        assertThat(SchemaCheck.violations(schema, broken)).containsExactlyInAnyOrder(
                "$: unexpected field extra",
                "$.summary.classification: \"risky\" not in [\"additive\",\"backfill\",\"destructive\"]",
                "$.findings[0]: missing ruleId");
    }
}

package io.github.migrationdelivery.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.migrationdelivery.engine.lint.Severity;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class GitlabCodeQualityWriterTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void oneIssuePerFindingWithPathLineAndMappedSeverity() throws IOException {
        JsonNode issues = mapper.readTree(LintResults.write(LintFormat.GITLAB, LintResults.mixed()));
        assertThat(issues.isArray()).isTrue();
        assertThat(issues).hasSize(4);
        JsonNode index = issues.get(0);
        assertThat(index.get("check_name").asText()).isEqualTo("require-concurrent-index-creation");
        assertThat(index.get("description").asText())
                .isEqualTo("[require-concurrent-index-creation] CREATE INDEX takes ShareLock on \"orders\" & blocks "
                        + "writes while it builds. (changeset 1::alice)");
        assertThat(index.at("/location/path").asText()).isEqualTo("db/changelog.xml");
        assertThat(index.at("/location/lines/begin").asInt()).isEqualTo(5);
        assertThat(issues.findValuesAsText("severity")).containsExactly("critical", "minor", "info", "minor");
        // GitLab requires a line; a finding without one points at the file's first line.
        assertThat(issues.get(3).at("/location/lines/begin").asInt()).isEqualTo(1);
        assertThat(issues.get(1).get("description").asText()).contains("<text> & 'more'\u0007");
    }

    @Test
    void fingerprintsMatchTheJsonReport() throws IOException {
        JsonNode issues = mapper.readTree(LintResults.write(LintFormat.GITLAB, LintResults.mixed()));
        JsonNode findings = mapper.readTree(LintResults.write(LintFormat.JSON, LintResults.mixed())).get("findings");
        assertThat(issues.findValuesAsText("fingerprint")).doesNotHaveDuplicates()
                .isEqualTo(findings.findValuesAsText("fingerprint"));
    }

    @Test
    void cleanPlanIsAnEmptyArray() {
        assertThat(LintResults.write(LintFormat.GITLAB, LintResults.clean())).isEqualTo("[]\n");
    }

    @Test
    void severityMapping() {
        assertThat(GitlabCodeQualityWriter.severity(Severity.ERROR)).isEqualTo("critical");
        assertThat(GitlabCodeQualityWriter.severity(Severity.WARNING)).isEqualTo("minor");
        assertThat(GitlabCodeQualityWriter.severity(Severity.INFO)).isEqualTo("info");
    }
}

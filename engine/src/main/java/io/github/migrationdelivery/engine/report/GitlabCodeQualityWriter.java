package io.github.migrationdelivery.engine.report;

import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.LintResult;
import io.github.migrationdelivery.engine.lint.Severity;

import java.io.IOException;
import java.util.List;

/**
 * GitLab Code Quality report ({@code artifacts:reports:codequality}), the Code Climate subset GitLab
 * reads. Severity: ERROR is {@code critical} (the statement risks an outage), WARNING
 * {@code minor}, INFO {@code info}; {@code major} and {@code blocker} are not used.
 */
final class GitlabCodeQualityWriter implements LintReportWriter {

    @Override
    public void write(LintResult result, Appendable out) throws IOException {
        List<Finding> findings = result.findings();
        List<String> fingerprints = Fingerprints.of(result);
        JsonOutput.write(out, json -> {
            json.writeStartArray();
            for (int i = 0; i < findings.size(); i++) {
                Finding f = findings.get(i);
                json.writeStartObject();
                json.writeStringField("type", "issue");
                json.writeStringField("check_name", f.ruleId());
                json.writeStringField("description", description(f));
                json.writeStringField("severity", severity(f.severity()));
                json.writeStringField("fingerprint", fingerprints.get(i));
                json.writeObjectFieldStart("location");
                json.writeStringField("path", ReportText.path(f.position()));
                json.writeObjectFieldStart("lines");
                // GitLab needs a line; a finding on a whole file points at its first.
                json.writeNumberField("begin", Math.max(1, f.position().line()));
                json.writeEndObject();
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    /** GitLab shows the description as one line in the merge request widget. */
    private static String description(Finding f) {
        String d = "[" + f.ruleId() + "] " + f.message().strip().replaceAll("\\s*\\R\\s*", " ");
        if (!f.changeset().isEmpty()) {
            d = d + " (changeset " + f.changeset() + ")";
        }
        return d;
    }

    static String severity(Severity severity) {
        switch (severity) {
            case ERROR:
                return "critical";
            case WARNING:
                return "minor";
            default:
                return "info";
        }
    }
}

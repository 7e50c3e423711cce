package io.github.migrationdelivery.engine.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.migrationdelivery.engine.lint.ChangesetVerdict;
import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.LintResult;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.Suppression;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.plan.Changeset;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The machine-readable report, schema version 1 ({@code docs/schemas/lint-report-v1.schema.json},
 * explained in {@code docs/lint-report.md}). Fields are only ever added within a schema version;
 * renaming or removing one means version 2.
 */
final class JsonReportWriter implements LintReportWriter {

    static final String SCHEMA_VERSION = "1";

    private final ToolInfo tool;

    JsonReportWriter(ToolInfo tool) {
        this.tool = tool;
    }

    @Override
    public void write(LintResult result, Appendable out) throws IOException {
        List<String> fingerprints = Fingerprints.of(result);
        JsonOutput.write(out, json -> {
            json.writeStartObject();
            json.writeStringField("schemaVersion", SCHEMA_VERSION);
            json.writeObjectFieldStart("tool");
            json.writeStringField("name", ToolInfo.NAME);
            json.writeStringField("version", tool.version());
            json.writeEndObject();
            json.writeStringField("dialect", result.settings().dialect().id());
            json.writeStringField("serverVersion", result.settings().serverVersion().toString());
            json.writeStringField("failLevel", ReportText.id(result.settings().failLevel()));

            json.writeObjectFieldStart("summary");
            json.writeNumberField("errors", result.count(Severity.ERROR));
            json.writeNumberField("warnings", result.count(Severity.WARNING));
            json.writeNumberField("infos", result.count(Severity.INFO));
            json.writeNumberField("suppressed", result.changesets().stream().mapToInt(v -> v.suppressed().size()).sum());
            json.writeStringField("classification", result.changeClass().id());
            json.writeBooleanField("blocking", result.blocking());
            json.writeBooleanField("failed", result.failed());
            json.writeEndObject();

            json.writeArrayFieldStart("changesets");
            int index = 0;
            for (ChangesetVerdict v : result.changesets()) {
                Changeset c = v.changeset();
                json.writeStartObject();
                json.writeStringField("id", c.id());
                json.writeStringField("author", c.author());
                json.writeStringField("name", c.displayName());
                json.writeStringField("file", ReportText.path(c.position()));
                json.writeNumberField("line", c.position().line());
                json.writeStringField("kind", c.kind().name().toLowerCase(Locale.ROOT));
                json.writeBooleanField("transactional", c.transactional());
                json.writeStringField("classification", v.changeClass().id());
                json.writeBooleanField("blocking", v.blocking());
                // Indexes into the top-level findings[], so each finding is written once.
                json.writeArrayFieldStart("findingIndexes");
                for (int i = 0; i < v.findings().size(); i++) {
                    json.writeNumber(index++);
                }
                json.writeEndArray();
                json.writeArrayFieldStart("suppressed");
                for (Suppression sup : v.suppressed()) {
                    Finding f = sup.finding();
                    json.writeStartObject();
                    json.writeStringField("ruleId", f.ruleId());
                    json.writeStringField("file", ReportText.path(f.position()));
                    json.writeNumberField("line", f.position().line());
                    json.writeNumberField("column", f.position().column());
                    json.writeStringField("message", f.message());
                    json.writeStringField("reason", sup.reason());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();

            // Every finding once, in plan order.
            json.writeArrayFieldStart("findings");
            index = 0;
            for (Finding f : result.findings()) {
                writeFinding(json, f, fingerprints.get(index++));
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void writeFinding(JsonGenerator json, Finding f, String fingerprint) throws IOException {
        json.writeStartObject();
        json.writeStringField("ruleId", f.ruleId());
        json.writeStringField("severity", f.severity().id());
        json.writeStringField("file", ReportText.path(f.position()));
        json.writeNumberField("line", f.position().line());
        json.writeNumberField("column", f.position().column());
        json.writeStringField("changeset", f.changeset());
        json.writeStringField("statement", f.statement());
        LockImpact lock = f.lock();
        json.writeObjectFieldStart("lock");
        json.writeStringField("mode", lock.lockMode());
        JsonOutput.stringOrNull(json, "algorithm", lock.algorithm());
        json.writeBooleanField("blocksReads", lock.blocksReads());
        json.writeBooleanField("blocksWrites", lock.blocksWrites());
        json.writeBooleanField("blocksDdl", lock.blocksDdl());
        json.writeEndObject();
        json.writeBooleanField("rewritesTable", f.rewritesTable());
        json.writeStringField("message", f.message());
        json.writeStringField("safeRewrite", f.safeRewrite());
        json.writeStringField("fingerprint", fingerprint);
        json.writeEndObject();
    }
}

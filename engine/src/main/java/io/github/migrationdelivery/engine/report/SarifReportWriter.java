package io.github.migrationdelivery.engine.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.LintResult;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.SourcePosition;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * SARIF 2.1.0, one run, for Jenkins Warnings NG ({@code recordIssues(tools: [sarif(...)])}) and
 * GitHub code scanning ({@code github/codeql-action/upload-sarif}). Stays within the subset
 * GitHub documents: rules in {@code tool.driver.rules}, results pointing at them by id and index,
 * relative artifact URIs, and {@code partialFingerprints} so alerts follow code that moves.
 */
final class SarifReportWriter implements LintReportWriter {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    /** Versioned so a change in how the hash is made can be introduced as a new key. */
    static final String FINGERPRINT_KEY = "migrationDeliveryFinding/v1";

    private final ToolInfo tool;

    SarifReportWriter(ToolInfo tool) {
        this.tool = tool;
    }

    @Override
    public void write(LintResult result, Appendable out) throws IOException {
        List<Finding> findings = result.findings();
        List<String> fingerprints = Fingerprints.of(result);
        List<Descriptor> rules = descriptors(result, findings);
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            ruleIndex.put(rules.get(i).id(), i);
        }
        JsonOutput.write(out, json -> {
            json.writeStartObject();
            json.writeStringField("$schema", SCHEMA);
            json.writeStringField("version", "2.1.0");
            json.writeArrayFieldStart("runs");
            json.writeStartObject();

            json.writeObjectFieldStart("tool");
            json.writeObjectFieldStart("driver");
            json.writeStringField("name", ToolInfo.NAME);
            json.writeStringField("version", tool.version());
            if (tool.informationUri().isPresent()) {
                json.writeStringField("informationUri", tool.informationUri().get().toString());
            }
            json.writeArrayFieldStart("rules");
            for (Descriptor rule : rules) {
                writeRule(json, rule);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();

            // Columns count Java chars, which are UTF-16 code units (also SARIF's default; said for readers).
            json.writeStringField("columnKind", "utf16CodeUnits");

            json.writeArrayFieldStart("results");
            for (int i = 0; i < findings.size(); i++) {
                Finding f = findings.get(i);
                writeResult(json, f, ruleIndex.get(f.ruleId()), fingerprints.get(i));
            }
            json.writeEndArray();

            json.writeObjectFieldStart("properties");
            json.writeStringField("dialect", result.settings().dialect().id());
            json.writeStringField("serverVersion", result.settings().serverVersion().toString());
            json.writeStringField("failLevel", ReportText.id(result.settings().failLevel()));
            json.writeStringField("classification", result.changeClass().id());
            json.writeBooleanField("blocking", result.blocking());
            json.writeBooleanField("failed", result.failed());
            json.writeEndObject();

            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** A rule as SARIF describes it; {@code info} is null for a rule id the result's rule list lacks. */
    private record Descriptor(String id, RuleInfo info) {
    }

    /**
     * The rules that ran, sorted by id so output does not depend on catalogue order, plus any rule
     * id a finding names that the list lacks: every result must resolve to a descriptor.
     */
    private static List<Descriptor> descriptors(LintResult result, List<Finding> findings) {
        TreeMap<String, Descriptor> byId = new TreeMap<>();
        for (RuleInfo r : result.rules()) {
            byId.putIfAbsent(r.id(), new Descriptor(r.id(), r));
        }
        for (Finding f : findings) {
            byId.putIfAbsent(f.ruleId(), new Descriptor(f.ruleId(), null));
        }
        return new ArrayList<>(byId.values());
    }

    private void writeRule(JsonGenerator json, Descriptor rule) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", rule.id());
        json.writeObjectFieldStart("shortDescription");
        json.writeStringField("text", rule.info() == null ? rule.id() : rule.info().summary());
        json.writeEndObject();
        if (rule.info() != null) {
            RuleInfo info = rule.info();
            Optional<URI> docUri = tool.ruleDocUri(info);
            // SARIF requires helpUri to be absolute; without a known base the repository path goes into help.
            if (docUri.isPresent()) {
                json.writeStringField("helpUri", docUri.get().toString());
            }
            String summary = info.summary().strip();
            String sentence = summary.endsWith(".") ? summary + " " : summary + ". ";
            json.writeObjectFieldStart("help");
            json.writeStringField("text", sentence + "See " + info.docPath() + ".");
            json.writeStringField("markdown", sentence + "See [" + info.docPath() + "]("
                    + docUri.map(URI::toString).orElse(info.docPath()) + ").");
            json.writeEndObject();
            // No "enabled": false for opt-in rules: the rule did run, and consumers may hide results of disabled rules.
            json.writeObjectFieldStart("defaultConfiguration");
            json.writeStringField("level", level(info.defaultSeverity()));
            json.writeEndObject();
            json.writeObjectFieldStart("properties");
            // GitHub code scanning and Warnings NG group rules by tags.
            json.writeArrayFieldStart("tags");
            json.writeString(info.category().id());
            json.writeEndArray();
            json.writeStringField("docPath", info.docPath());
            json.writeArrayFieldStart("dialects");
            for (Dialect d : Dialect.values()) {
                if (info.dialects().contains(d)) {
                    json.writeString(d.id());
                }
            }
            json.writeEndArray();
            json.writeBooleanField("optIn", info.optIn());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void writeResult(JsonGenerator json, Finding f, int ruleIndex, String fingerprint)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("ruleId", f.ruleId());
        json.writeNumberField("ruleIndex", ruleIndex);
        json.writeStringField("level", level(f.severity()));
        json.writeObjectFieldStart("message");
        String text = f.safeRewrite().isBlank() ? f.message() : f.message() + "\n\nFix:\n" + f.safeRewrite().strip();
        json.writeStringField("text", text);
        json.writeEndObject();

        json.writeArrayFieldStart("locations");
        json.writeStartObject();
        json.writeObjectFieldStart("physicalLocation");
        json.writeObjectFieldStart("artifactLocation");
        json.writeStringField("uri", artifactUri(f.position()));
        json.writeEndObject();
        SourcePosition p = f.position();
        if (p.line() > 0) {
            json.writeObjectFieldStart("region");
            json.writeNumberField("startLine", p.line());
            if (p.column() > 0) {
                json.writeNumberField("startColumn", p.column());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndArray();

        json.writeObjectFieldStart("partialFingerprints");
        json.writeStringField(FINGERPRINT_KEY, fingerprint);
        json.writeEndObject();

        LockImpact lock = f.lock();
        json.writeObjectFieldStart("properties");
        json.writeStringField("severity", f.severity().id());
        json.writeStringField("lockMode", lock.lockMode());
        JsonOutput.stringOrNull(json, "algorithm", lock.algorithm());
        json.writeArrayFieldStart("blocks");
        if (lock.blocksReads()) {
            json.writeString("reads");
        }
        if (lock.blocksWrites()) {
            json.writeString("writes");
        }
        if (lock.blocksDdl()) {
            json.writeString("DDL");
        }
        json.writeEndArray();
        json.writeBooleanField("rewritesTable", f.rewritesTable());
        json.writeStringField("changeset", f.changeset());
        json.writeStringField("safeRewrite", f.safeRewrite());
        json.writeEndObject();
        json.writeEndObject();
    }

    static String level(Severity severity) {
        switch (severity) {
            case ERROR:
                return "error";
            case WARNING:
                return "warning";
            default:
                return "note";
        }
    }

    /**
     * The file as a URI reference: relative paths stay relative (GitHub resolves them against the
     * repository root, Warnings NG against the workspace) with forward slashes and percent-encoding;
     * absolute paths become {@code file:} URIs.
     */
    static String artifactUri(SourcePosition position) {
        if (position.file().isAbsolute()) {
            return position.file().toUri().toString();
        }
        String path = ReportText.path(position);
        StringBuilder b = new StringBuilder(path.length() + 8);
        for (byte x : path.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return b.toString();
    }
}

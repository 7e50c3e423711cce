package io.github.migrationdelivery.engine.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.migrationdelivery.engine.drift.ChecksumFinding;
import io.github.migrationdelivery.engine.drift.DriftReport;
import io.github.migrationdelivery.engine.schema.SchemaDifference;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The JSON form of a drift report ({@code drift --json}); fields are described in docs/drift.md. */
public final class DriftJson {

    private DriftJson() {
    }

    public static void write(DriftReport r, Appendable out) {
        try {
            JsonOutput.write(out, json -> {
                json.writeStartObject();
                json.writeStringField("tool", "migration-delivery " + ToolInfo.current().version());
                json.writeStringField("target", r.target());
                json.writeBooleanField("clean", r.clean());
                json.writeArrayFieldStart("historyTables");
                for (String t : r.historyTables()) {
                    json.writeString(t);
                }
                json.writeEndArray();
                json.writeNumberField("changesets", r.changesets());
                json.writeNumberField("applied", r.applied());
                json.writeNumberField("pending", r.pending());
                json.writeArrayFieldStart("checksums");
                for (ChecksumFinding f : r.checksums()) {
                    json.writeStartObject();
                    json.writeStringField("kind", f.kind().id());
                    json.writeBooleanField("failsGate", f.kind().failsGate());
                    json.writeStringField("changeset", f.changeset());
                    json.writeStringField("where", f.where());
                    json.writeStringField("message", f.message());
                    json.writeEndObject();
                }
                json.writeEndArray();
                if (r.schema().isPresent()) {
                    DriftReport.SchemaComparison s = r.schema().get();
                    json.writeObjectFieldStart("schema");
                    json.writeStringField("scratch", s.scratch());
                    differences(json, s);
                    json.writeArrayFieldStart("reconcile");
                    for (String line : s.reconcile()) {
                        json.writeString(line);
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                } else {
                    json.writeNullField("schema");
                }
                json.writeEndObject();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void differences(JsonGenerator json, DriftReport.SchemaComparison s) throws IOException {
        json.writeArrayFieldStart("differences");
        for (SchemaDifference d : s.differences()) {
            json.writeStartObject();
            json.writeStringField("object", d.object());
            json.writeStringField("expected", d.before());
            json.writeStringField("live", d.after());
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}

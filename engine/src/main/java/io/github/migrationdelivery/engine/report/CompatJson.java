package io.github.migrationdelivery.engine.report;

import io.github.migrationdelivery.engine.compat.CompatChange;
import io.github.migrationdelivery.engine.compat.CompatReport;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The JSON form of a compat report ({@code compat --json}); fields are described in docs/compat.md. */
public final class CompatJson {

    private CompatJson() {
    }

    public static void write(CompatReport r, Appendable out) {
        try {
            JsonOutput.write(out, json -> {
                json.writeStartObject();
                json.writeStringField("tool", "migration-delivery " + ToolInfo.current().version());
                json.writeStringField("before", r.before());
                json.writeBooleanField("breaking", !r.breaking().isEmpty());
                json.writeArrayFieldStart("pending");
                for (String p : r.pending()) {
                    json.writeString(p);
                }
                json.writeEndArray();
                json.writeArrayFieldStart("changes");
                for (CompatChange c : r.changes()) {
                    json.writeStartObject();
                    json.writeStringField("kind", c.kind().id());
                    json.writeStringField("object", c.object());
                    json.writeBooleanField("breaking", c.breaking());
                    json.writeStringField("reason", c.reason());
                    json.writeArrayFieldStart("phases");
                    for (String p : c.phases()) {
                        json.writeString(p);
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.github.migrationdelivery.engine.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;

/**
 * The JSON formats write with Jackson's streaming generator rather than ObjectMapper: no
 * reflection over records, which keeps CLI start-up short, and field order is the order written.
 */
final class JsonOutput {

    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private JsonOutput() {
    }

    /** Writes pretty JSON with two-space indents and {@code \n} line ends on every platform, then a final newline. */
    static void write(Appendable out, Body body) throws IOException {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        // Straight into a Writer: a report of many findings is tens of megabytes, not worth a copy in memory.
        Writer target = out instanceof Writer w ? w : new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(target)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET); // the caller owns out
            json.setPrettyPrinter(pretty);
            body.write(json);
        }
        if (target != out) {
            out.append(target.toString());
        }
        out.append('\n');
    }

    /** Writes {@code value} or JSON null. */
    static void stringOrNull(JsonGenerator json, String field, String value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, value);
        }
    }
}

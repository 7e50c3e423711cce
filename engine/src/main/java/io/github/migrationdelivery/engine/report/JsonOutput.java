package io.github.migrationdelivery.engine.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

import java.io.IOException;
import java.io.OutputStream;
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

    /**
     * Thread-safe once built, and it caches buffers between uses. Characters beyond the BMP are
     * written as UTF-8, not as {@code \\u} surrogate escapes, so the byte and the character
     * generator give the same report.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    private JsonOutput() {
    }

    /** Writes pretty JSON with two-space indents and {@code \n} line ends on every platform, then a final newline. */
    static void write(Appendable out, Body body) throws IOException {
        // Straight into a Writer: a report of many findings is tens of megabytes, not worth a copy in memory.
        Writer target = out instanceof Writer w ? w : new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(target)) {
            write(json, body);
        }
        if (target != out) {
            out.append(target.toString());
        }
        out.append('\n');
    }

    /** The same bytes as {@link #write(Appendable, Body)} would encode as UTF-8, generated as bytes. */
    static void write(OutputStream out, Body body) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            write(json, body);
        }
        out.write('\n');
    }

    private static void write(JsonGenerator json, Body body) throws IOException {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET); // the caller owns the destination
        json.setPrettyPrinter(new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter));
        body.write(json);
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

package io.github.migrationdelivery.engine.report;

import io.github.migrationdelivery.engine.lint.LintResult;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes a lint result in one output format. Output depends only on the result and the
 * {@link ToolInfo} the writer was made with: the same input gives byte-identical output, so reports
 * can be diffed and cached. Bytes are UTF-8 (the XML and JSON formats declare or assume it), and
 * the same whichever of the two methods wrote them.
 */
public interface LintReportWriter {

    void write(LintResult result, Appendable out) throws IOException;

    /** Writes the report as UTF-8 bytes; {@code out} stays open. */
    default void write(LintResult result, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        write(result, w);
        w.flush();
    }
}

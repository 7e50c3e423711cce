package io.github.migrationdelivery.engine.report;

import io.github.migrationdelivery.engine.lint.LintResult;

import java.io.IOException;

/**
 * Writes a lint result in one output format. Output depends only on the result and the
 * {@link ToolInfo} the writer was made with: the same input gives byte-identical output, so reports
 * can be diffed and cached. Byte-oriented callers should encode the text as UTF-8 (the XML and
 * JSON formats declare or assume UTF-8).
 */
public interface LintReportWriter {

    void write(LintResult result, Appendable out) throws IOException;
}

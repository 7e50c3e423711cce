package io.github.migrationdelivery.engine.report;

import io.github.migrationdelivery.engine.lint.LintResult;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The lint formats that are JSON. Written to bytes, they are generated as UTF-8 directly rather
 * than as characters through an encoder: a large plan's report is tens of megabytes, and this is
 * a good part of a command-line run's time (bench/README.md).
 */
abstract class JsonLintReportWriter implements LintReportWriter {

    /** What to write for {@code result}; work that does not depend on the destination is done here, once. */
    abstract JsonOutput.Body body(LintResult result);

    @Override
    public final void write(LintResult result, Appendable out) throws IOException {
        JsonOutput.write(out, body(result));
    }

    @Override
    public final void write(LintResult result, OutputStream out) throws IOException {
        JsonOutput.write(out, body(result));
    }
}

package io.github.migrationdelivery.engine.report;

import io.github.migrationdelivery.engine.lint.ChangesetVerdict;
import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.LintResult;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lock.LockImpact;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The report for people: one block per finding in the compiler style {@code file:line:col:} that
 * CI logs and editors link, then a summary. Plain ASCII structure, no colour, {@code \n} line ends.
 */
final class TextReportWriter implements LintReportWriter {

    @Override
    public void write(LintResult result, Appendable out) throws IOException {
        Map<String, RuleInfo> rules = new HashMap<>();
        for (RuleInfo r : result.rules()) {
            rules.putIfAbsent(r.id(), r);
        }
        StringBuilder b = new StringBuilder();
        for (Finding f : result.findings()) {
            appendFinding(b, f, rules.get(f.ruleId()));
            b.append('\n');
        }
        appendSummary(b, result);
        out.append(b);
    }

    /**
     * One finding as a block of lines ending in a newline. The JUnit report puts the same block
     * into its failure text, so a finding reads the same in the log and in the test view.
     */
    static void appendFinding(StringBuilder b, Finding f, RuleInfo rule) {
        b.append(f.position()).append(": ").append(f.severity().id())
                .append(" [").append(f.ruleId()).append("] ");
        appendIndented(b, f.message(), "    ");
        if (!f.changeset().isEmpty()) {
            b.append("    changeset: ").append(clean(f.changeset())).append('\n');
        }
        if (!LockImpact.NONE.equals(f.lock()) || f.rewritesTable()) {
            b.append("    lock: ").append(f.lock());
            if (f.rewritesTable()) {
                b.append(", rewrites table");
            }
            b.append('\n');
        }
        if (!f.statement().isBlank()) {
            b.append("    statement: ")
                    .append(clean(ReportText.statementLine(f.statement(), ReportText.STATEMENT_WIDTH))).append('\n');
        }
        if (!f.safeRewrite().isBlank()) {
            b.append("    fix:\n        ");
            appendIndented(b, f.safeRewrite().strip(), "        ");
        }
        if (rule != null) {
            b.append("    see: ").append(rule.docPath()).append('\n');
        }
    }

    private static void appendSummary(StringBuilder b, LintResult result) {
        long errors = result.count(Severity.ERROR);
        long warnings = result.count(Severity.WARNING);
        long infos = result.count(Severity.INFO);
        if (errors + warnings + infos == 0) {
            b.append("no findings");
        } else {
            b.append(plural(errors, "error")).append(", ").append(plural(warnings, "warning"))
                    .append(", ").append(plural(infos, "info"));
        }
        b.append(" in ").append(plural(result.changesets().size(), "changeset")).append('\n');
        b.append("plan: ").append(result.changeClass().id())
                .append(result.blocking() ? ", blocking" : ", not blocking").append('\n');
        for (ChangesetVerdict v : result.changesets()) {
            b.append("  ").append(clean(v.changeset().displayName()))
                    .append(" (").append(v.changeset().position()).append("): ")
                    .append(v.changeClass().id());
            if (v.blocking()) {
                b.append(", blocking");
            }
            if (!v.findings().isEmpty()) {
                b.append(", ").append(plural(v.findings().size(), "finding"));
            }
            b.append('\n');
        }
        b.append("result: ").append(result.failed() ? "failed" : "passed")
                .append(" (fail level ").append(ReportText.id(result.settings().failLevel()))
                .append(")\n");
    }

    /** Appends text whose second and later lines start with {@code indent}; ends with a newline. */
    private static void appendIndented(StringBuilder b, String text, String indent) {
        b.append(clean(text).replace("\n", "\n" + indent)).append('\n');
    }

    private static String clean(String s) {
        return ReportText.visible(ReportText.unixLines(s));
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}

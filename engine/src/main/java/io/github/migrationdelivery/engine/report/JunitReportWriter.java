package io.github.migrationdelivery.engine.report;

import io.github.migrationdelivery.engine.lint.ChangesetVerdict;
import io.github.migrationdelivery.engine.lint.FailLevel;
import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.LintResult;
import io.github.migrationdelivery.engine.lint.RuleInfo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JUnit XML: one test suite, one test case per changeset ({@code classname} is the changelog
 * file, {@code name} the changeset), failing when it has a finding at or above the fail level.
 *
 * <p>A failing changeset gets one {@code <failure>} holding every failing finding, not one
 * element per finding: the JUnit XML schemas allow one, and Jenkins' junit plugin reads only the
 * first, so further elements would be dropped silently. Findings below the fail level go to
 * {@code <system-out>}. The XML is written by hand because the JDK's stream writer passes control
 * characters through, which makes the document unparseable.
 */
final class JunitReportWriter implements LintReportWriter {

    static final String SUITE_NAME = "migration-delivery lint";

    private final ToolInfo tool;

    JunitReportWriter(ToolInfo tool) {
        this.tool = tool;
    }

    @Override
    public void write(LintResult result, Appendable out) throws IOException {
        Map<String, RuleInfo> rules = new HashMap<>();
        for (RuleInfo r : result.rules()) {
            rules.putIfAbsent(r.id(), r);
        }
        FailLevel failLevel = result.settings().failLevel();
        int failures = 0;
        for (ChangesetVerdict v : result.changesets()) {
            if (v.findings().stream().anyMatch(f -> failLevel.fails(f.severity()))) {
                failures++;
            }
        }
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<testsuite name=\"").append(attr(SUITE_NAME))
                .append("\" tests=\"").append(result.changesets().size())
                .append("\" failures=\"").append(failures)
                .append("\" errors=\"0\" skipped=\"0\">\n");
        b.append("  <properties>\n");
        property(b, "tool", ToolInfo.NAME + " " + tool.version());
        property(b, "dialect", result.settings().dialect().id());
        property(b, "serverVersion", result.settings().serverVersion().toString());
        property(b, "failLevel", ReportText.id(failLevel));
        property(b, "classification", result.changeClass().id());
        property(b, "blocking", Boolean.toString(result.blocking()));
        b.append("  </properties>\n");
        for (ChangesetVerdict v : result.changesets()) {
            writeCase(b, v, failLevel, rules);
        }
        b.append("</testsuite>\n");
        out.append(b);
    }

    private static void writeCase(StringBuilder b, ChangesetVerdict v, FailLevel failLevel, Map<String, RuleInfo> rules) {
        List<Finding> failing = new ArrayList<>();
        List<Finding> other = new ArrayList<>();
        for (Finding f : v.findings()) {
            (failLevel.fails(f.severity()) ? failing : other).add(f);
        }
        b.append("  <testcase classname=\"").append(attr(ReportText.path(v.changeset().position())))
                .append("\" name=\"").append(attr(v.changeset().displayName())).append('"');
        if (failing.isEmpty() && other.isEmpty()) {
            b.append("/>\n");
            return;
        }
        b.append(">\n");
        if (!failing.isEmpty()) {
            Set<String> ruleIds = new LinkedHashSet<>();
            for (Finding f : failing) {
                ruleIds.add(f.ruleId());
            }
            String message = firstLine(failing.get(0).message());
            if (failing.size() > 1) {
                message = message + " (and " + (failing.size() - 1) + " more)";
            }
            b.append("    <failure message=\"").append(attr(message))
                    .append("\" type=\"").append(attr(String.join(",", ruleIds))).append("\">")
                    .append(text(blocks(failing, rules))).append("</failure>\n");
        }
        if (!other.isEmpty()) {
            b.append("    <system-out>").append(text(blocks(other, rules))).append("</system-out>\n");
        }
        b.append("  </testcase>\n");
    }

    private static String blocks(List<Finding> findings, Map<String, RuleInfo> rules) {
        StringBuilder b = new StringBuilder();
        for (Finding f : findings) {
            if (b.length() > 0) {
                b.append('\n');
            }
            TextReportWriter.appendFinding(b, f, rules.get(f.ruleId()));
        }
        return b.toString();
    }

    private static void property(StringBuilder b, String name, String value) {
        b.append("    <property name=\"").append(attr(name)).append("\" value=\"").append(attr(value)).append("\"/>\n");
    }

    private static String firstLine(String s) {
        String t = ReportText.unixLines(s).strip();
        int eol = t.indexOf('\n');
        return eol < 0 ? t : t.substring(0, eol);
    }

    /** Character data: markup characters escaped ({@code >} too, so {@code ]]>} cannot appear). */
    static String text(String s) {
        return escape(s, false);
    }

    /** Attribute value: also quotes, and line ends and tabs as references so parsers keep them. */
    static String attr(String s) {
        return escape(s, true);
    }

    private static String escape(String raw, boolean attribute) {
        String s = ReportText.visible(raw);
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append(attribute ? "&quot;" : "\"");
                case '\'' -> b.append(attribute ? "&apos;" : "'");
                case '\n' -> b.append(attribute ? "&#10;" : "\n");
                case '\r' -> b.append("&#13;");
                case '\t' -> b.append(attribute ? "&#9;" : "\t");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}

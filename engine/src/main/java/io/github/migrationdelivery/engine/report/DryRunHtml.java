package io.github.migrationdelivery.engine.report;

import io.github.migrationdelivery.engine.budget.Breach;
import io.github.migrationdelivery.engine.dryrun.ChangesetRun;
import io.github.migrationdelivery.engine.dryrun.DryRunReport;
import io.github.migrationdelivery.engine.dryrun.LockHeld;
import io.github.migrationdelivery.engine.dryrun.Outcome;
import io.github.migrationdelivery.engine.dryrun.RollbackRehearsal;
import io.github.migrationdelivery.engine.dryrun.StatementRun;
import io.github.migrationdelivery.engine.report.DryRunJson.BudgetVerdict;
import io.github.migrationdelivery.engine.report.DryRunJson.Document;
import io.github.migrationdelivery.engine.report.DryRunJson.LintSummary;
import io.github.migrationdelivery.engine.schema.SchemaDifference;
import io.github.migrationdelivery.engine.snapshot.JdbcUrls;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The dry-run report as one self-contained HTML file: inline CSS and SVG, no script, nothing
 * fetched, so it can be archived as a CI artifact and opened anywhere. Every text from the plan
 * or the server is escaped.
 */
public final class DryRunHtml {

    /** How hard a lock hits traffic, as the chart colours it. */
    enum Impact {
        READS("blocks reads and writes", "#d64541", "#8e1f1c"),
        WRITES("blocks writes", "#f08c2a", "#a2520b"),
        DDL("blocks DDL only", "#e8c840", "#8c7410"),
        NONE("blocks nothing (row locks or none)", "#4caf6a", "#23683a");

        final String label;
        final String fill;
        final String dark;

        Impact(String label, String fill, String dark) {
            this.label = label;
            this.fill = fill;
            this.dark = dark;
        }

        String css() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final int CHART_WIDTH = 1100;
    private static final int LABEL_WIDTH = 330;
    /** What fits in the label column in 12 px monospace. */
    private static final int LABEL_CHARS = 42;
    private static final int ROW = 24;
    private static final int AXIS = 28;

    private DryRunHtml() {
    }

    public static void write(Document doc, Path file) {
        DryRunJson.writeAtomically(file, w -> write(doc, w));
    }

    public static void write(Document doc, Appendable out) throws IOException {
        DryRunReport r = doc.report();
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Dry-run: ").append(esc(r.outcome().id())).append(" on ").append(esc(snapshot(r)))
                .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        header(h, doc);
        timeline(h, r);
        h.append("<h2>Changesets</h2>\n");
        for (ChangesetRun c : r.changesets()) {
            changeset(h, c);
        }
        rollback(h, r.rollback() == null ? RollbackRehearsal.skipped("not rehearsed") : r.rollback());
        h.append("<footer>migration-delivery ").append(esc(doc.toolVersion()))
                .append(" &middot; dry-run report schema ").append(DryRunReport.SCHEMA_VERSION).append("</footer>\n")
                .append("</body>\n</html>\n");
        out.append(h);
    }

    /** The colour class of a statement's strongest lock, by name, else by what the run says it blocks. */
    static Impact impact(StatementRun s) {
        switch (s.strongestLock()) {
            case "AccessExclusiveLock":
            case "MDL_EXCLUSIVE":
            case "MDL_SHARED_NO_READ_WRITE":
                return Impact.READS;
            case "ShareLock":
            case "ShareRowExclusiveLock":
            case "ExclusiveLock":
            case "MDL_SHARED_NO_WRITE":
                return Impact.WRITES;
            case "ShareUpdateExclusiveLock":
            case "MDL_SHARED_UPGRADABLE":
                return Impact.DDL;
            default:
                return s.blocksReads() ? Impact.READS : s.blocksWrites() ? Impact.WRITES : Impact.NONE;
        }
    }

    // ---------------------------------------------------------------- header

    private static void header(StringBuilder h, Document doc) {
        DryRunReport r = doc.report();
        DryRunJson.Totals t = DryRunJson.Totals.of(r);
        boolean ok = r.outcome() == Outcome.APPLIED;
        h.append("<header>\n<h1>Dry-run <span class=\"badge ").append(ok ? "pass" : "fail").append("\">")
                .append(esc(r.outcome().id().replace('_', ' '))).append("</span></h1>\n");
        if (!r.failure().isEmpty()) {
            h.append("<p class=\"failure\">").append(esc(JdbcUrls.withoutSecrets(r.failure()))).append("</p>\n");
        }
        h.append("<dl class=\"facts\">\n");
        fact(h, "snapshot", snapshot(r));
        fact(h, "server", r.dialect().id() + " " + r.serverVersion());
        fact(h, "total", ms(r.totalMs()));
        fact(h, "changesets", String.valueOf(t.changesets()));
        fact(h, "statements", t.statements() + " (" + t.applied() + " applied"
                + (t.failed() > 0 ? ", " + t.failed() + " failed" : "")
                + (t.skipped() > 0 ? ", " + t.skipped() + " skipped" : "")
                + (t.stoppedByBudget() > 0 ? ", " + t.stoppedByBudget() + " stopped by budget" : "") + ")");
        fact(h, "longest write-blocking lock", ms(t.maxWriteBlockingHeldMs()));
        fact(h, "longest read-blocking lock", ms(t.maxReadBlockingHeldMs()));
        fact(h, "longest blocked probe", ms(t.maxBlockedMs()));
        fact(h, "rewritten tables", t.rewrittenTables().isEmpty() ? "none" : String.join(", ", t.rewrittenTables()));
        fact(h, "probe interval", ms(r.probeIntervalMs()));
        fact(h, "rollback rehearsal", r.rollback() == null ? "skipped" : r.rollback().status().id());
        if (doc.lint().isPresent()) {
            LintSummary l = doc.lint().get();
            fact(h, "lint", l.errors() + " errors, " + l.warnings() + " warnings, " + l.infos() + " infos"
                    + (l.failed() ? " (gate failed)" : ""));
        }
        h.append("</dl>\n");
        doc.budget().ifPresent(v -> budget(h, v));
        h.append("</header>\n");
    }

    private static void budget(StringBuilder h, BudgetVerdict v) {
        h.append("<section class=\"budget\">\n<h2>Lock budget <span class=\"badge ").append(v.passed() ? "pass" : "fail")
                .append("\">").append(v.passed() ? "within budget" : v.breaches().size() + (v.breaches().size() == 1 ? " breach" : " breaches"))
                .append("</span></h2>\n<p class=\"limits\">");
        List<String> limits = new ArrayList<>();
        v.limits().maxWriteBlockingMs().ifPresent(x -> limits.add("write-blocking lock &le; " + x + " ms"));
        v.limits().maxReadBlockingMs().ifPresent(x -> limits.add("read-blocking lock &le; " + x + " ms"));
        v.limits().maxBlockedMs().ifPresent(x -> limits.add("blocked traffic &le; " + x + " ms"));
        v.limits().maxStatementMs().ifPresent(x -> limits.add("statement &le; " + x + " ms"));
        v.limits().maxTotalMs().ifPresent(x -> limits.add("total &le; " + x + " ms"));
        v.limits().perTable().keySet().stream().sorted().forEach(tbl -> limits.add("own budget for " + esc(tbl)));
        h.append(limits.isEmpty() ? "no limits" : String.join(" &middot; ", limits)).append("</p>\n");
        if (!v.breaches().isEmpty()) {
            // One entry per statement: its breaches, then the rule and the rewrite once.
            Map<String, List<Breach>> byStatement = new LinkedHashMap<>();
            for (Breach b : v.breaches()) {
                byStatement.computeIfAbsent(b.position() + "\n" + b.statement(), k -> new ArrayList<>()).add(b);
            }
            h.append("<ol class=\"breaches\">\n");
            for (List<Breach> group : byStatement.values()) {
                Breach first = group.get(0);
                h.append("<li><code>").append(esc(first.position().toString())).append("</code>");
                if (!first.changeset().isEmpty()) {
                    h.append(" in ").append(esc(first.changeset()));
                }
                h.append("<ul>");
                for (Breach b : group) {
                    h.append("<li><b>").append(esc(b.metric())).append("</b> ").append(b.measuredMs()).append(" ms &gt; ")
                            .append(b.limitMs()).append(" ms</li>");
                }
                h.append("</ul>");
                if (!first.statement().isEmpty()) {
                    h.append("<pre>").append(esc(first.statement().strip())).append("</pre>");
                }
                Breach explained = group.stream().filter(b -> !b.ruleId().isEmpty()).findFirst().orElse(first);
                if (!explained.ruleId().isEmpty()) {
                    h.append("<p>rule <code>").append(esc(explained.ruleId())).append("</code>");
                    if (!explained.why().isEmpty()) {
                        h.append(": ").append(esc(explained.why()));
                    }
                    h.append("</p>");
                }
                if (!explained.safeRewrite().isEmpty()) {
                    h.append("<p>safe rewrite:</p><pre class=\"rewrite\">").append(esc(explained.safeRewrite().strip()))
                            .append("</pre>");
                }
                h.append("</li>\n");
            }
            h.append("</ol>\n");
        }
        h.append("</section>\n");
    }

    // ---------------------------------------------------------------- timeline

    private static void timeline(StringBuilder h, DryRunReport r) {
        List<StatementRun> runs = r.statements().stream().filter(s -> s.outcome() != Outcome.SKIPPED).toList();
        h.append("<h2>Lock timeline</h2>\n");
        if (runs.isEmpty()) {
            h.append("<p>No statement ran.</p>\n");
            return;
        }
        long end = Math.max(r.totalMs(), runs.stream().mapToLong(s -> s.startedAtMs() + s.durationMs()).max().orElse(1));
        long span = niceCeiling(Math.max(end, 1));
        double plot = CHART_WIDTH - LABEL_WIDTH - 20;
        double scale = plot / span;
        int height = AXIS + runs.size() * ROW + 8;
        h.append("<div class=\"legend\">");
        for (Impact i : Impact.values()) {
            h.append("<span><i style=\"background:").append(i.fill).append("\"></i>").append(i.label).append("</span>");
        }
        h.append("<span><i style=\"background:#333\"></i>overlay: longest blocked probe (read or write)</span></div>\n");
        h.append("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(CHART_WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(CHART_WIDTH).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"lock timeline, one bar per statement\">\n");
        long step = span / 5;
        for (int k = 0; k <= 5; k++) {
            double x = LABEL_WIDTH + k * step * scale;
            h.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(AXIS - 6).append("\" x2=\"").append(fmt(x))
                    .append("\" y2=\"").append(height).append("\" class=\"grid\"/>")
                    .append("<text x=\"").append(fmt(x)).append("\" y=\"").append(AXIS - 10)
                    .append("\" class=\"tick\" text-anchor=\"").append(k == 5 ? "end" : k == 0 ? "start" : "middle")
                    .append("\">").append(ms(k * step)).append("</text>\n");
        }
        int row = 0;
        for (StatementRun s : runs) {
            int y = AXIS + row * ROW;
            Impact impact = impact(s);
            String changeset = changesetOf(r, s);
            h.append("<g>");
            h.append("<title>").append(esc(tooltip(changeset, s))).append("</title>");
            if (row % 2 == 1) {
                h.append("<rect x=\"0\" y=\"").append(y).append("\" width=\"").append(CHART_WIDTH).append("\" height=\"")
                        .append(ROW).append("\" class=\"stripe\"/>");
            }
            h.append("<text x=\"4\" y=\"").append(y + 16).append("\" class=\"label\">")
                    .append(esc(cut((row + 1) + ". " + oneLine(s.statement()), LABEL_CHARS))).append("</text>");
            double x = LABEL_WIDTH + s.startedAtMs() * scale;
            double w = Math.max(2, s.durationMs() * scale);
            h.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(y + 4).append("\" width=\"").append(fmt(w))
                    .append("\" height=\"").append(ROW - 8).append("\" rx=\"2\" fill=\"").append(impact.fill)
                    .append(s.outcome() == Outcome.FAILED ? "\" class=\"failed" : "").append("\"/>");
            if (s.maxBlockedMs() > 0) {
                double bw = Math.max(2, Math.min(s.maxBlockedMs(), Math.max(s.durationMs(), s.maxBlockedMs())) * scale);
                h.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(y + 9).append("\" width=\"").append(fmt(bw))
                        .append("\" height=\"").append(ROW - 18).append("\" fill=\"").append(impact.dark).append("\"/>");
            }
            double textX = x + w + 4;
            String figure = ms(s.durationMs()) + (s.maxBlockedMs() > 0 ? ", blocked " + ms(s.maxBlockedMs()) : "");
            // Past the right edge, write the figure inside the chart, left of the bar's end.
            boolean inside = textX + figure.length() * 6.2 > CHART_WIDTH;
            h.append("<text x=\"").append(fmt(inside ? x + w - 4 : textX)).append("\" y=\"").append(y + 16)
                    .append("\" class=\"figure").append(inside ? " inside " + impact.css() : "").append("\"")
                    .append(inside ? " text-anchor=\"end\"" : "").append(">").append(esc(figure)).append("</text>");
            h.append("</g>\n");
            row++;
        }
        h.append("</svg>\n");
    }

    private static String tooltip(String changeset, StatementRun s) {
        return changeset + " #" + s.index() + " (" + s.position() + ")\n" + cut(oneLine(s.statement()), 160)
                + "\noutcome: " + s.outcome().id()
                + "\nstarted at " + s.startedAtMs() + " ms, ran " + s.durationMs() + " ms"
                + "\nstrongest lock: " + s.strongestLock()
                + "\nwrite-blocking lock held " + s.writeBlockingHeldMs() + " ms, read-blocking lock held "
                + s.readBlockingHeldMs() + " ms"
                + "\nprobes blocked: reads " + s.maxReadBlockedMs() + " ms, writes " + s.maxWriteBlockedMs() + " ms"
                + (s.rewrittenTables().isEmpty() ? "" : "\nrewrote " + String.join(", ", s.rewrittenTables()))
                + (s.onlineDdl().isEmpty() ? "" : "\nALGORITHM=" + s.onlineDdl())
                + (s.error().isEmpty() ? "" : "\nerror: " + s.error());
    }

    // ---------------------------------------------------------------- changesets

    private static void changeset(StringBuilder h, ChangesetRun c) {
        h.append("<section class=\"changeset\">\n<h3>").append(esc(c.name())).append(" <span class=\"badge ")
                .append(c.outcome() == Outcome.APPLIED ? "pass" : c.outcome() == Outcome.SKIPPED ? "skip" : "fail")
                .append("\">").append(esc(c.outcome().id().replace('_', ' '))).append("</span></h3>\n<p class=\"where\">")
                .append(esc(c.position().toString())).append(" &middot; ")
                .append(c.transactional() ? "in a transaction" : "outside a transaction").append(" &middot; ")
                .append(ms(c.durationMs())).append("</p>\n");
        if (c.statements().isEmpty()) {
            h.append("<p>No statements.</p>\n</section>\n");
            return;
        }
        h.append("<table>\n<thead><tr><th>#</th><th>statement</th><th>outcome</th><th>lock</th><th>rewrite</th>"
                + "<th class=\"n\">duration</th><th class=\"n\">write-blocking held</th><th class=\"n\">read-blocking held</th>"
                + "<th class=\"n\">probe blocked read / write</th><th class=\"n\">rows</th><th>online DDL</th></tr></thead>\n<tbody>\n");
        for (StatementRun s : c.statements()) {
            Impact impact = impact(s);
            h.append("<tr class=\"").append(s.outcome().id()).append("\"><td>").append(s.index()).append("</td><td class=\"sql\"><pre>")
                    .append(esc(s.statement().strip())).append("</pre><span class=\"where\">").append(esc(s.position().toString()))
                    .append("</span>");
            if (!s.error().isEmpty()) {
                h.append("<p class=\"failure\">").append(esc(JdbcUrls.withoutSecrets(s.error()))).append("</p>");
            }
            h.append("</td><td>").append(esc(s.outcome().id().replace('_', ' '))).append("</td><td><span class=\"lock ")
                    .append(impact.css()).append("\" title=\"").append(esc(locks(s))).append("\">")
                    .append(esc(s.strongestLock())).append("</span>");
            if (!s.lockCapture().isEmpty()) {
                h.append("<br><span class=\"where\">").append(esc(s.lockCapture())).append("</span>");
            }
            h.append("</td><td>").append(s.rewrittenTables().isEmpty() ? "no" : "<b>" + esc(String.join(", ", s.rewrittenTables())) + "</b>")
                    .append("</td><td class=\"n\">").append(ms(s.durationMs()))
                    .append("</td><td class=\"n\">").append(ms(s.writeBlockingHeldMs()))
                    .append("</td><td class=\"n\">").append(ms(s.readBlockingHeldMs()))
                    .append("</td><td class=\"n\">").append(ms(s.maxReadBlockedMs())).append(" / ").append(ms(s.maxWriteBlockedMs()))
                    .append("</td><td class=\"n\">").append(s.rowsAffected() < 0 ? "&ndash;" : String.format(Locale.ROOT, "%,d", s.rowsAffected()))
                    .append("</td><td>").append(s.onlineDdl().isEmpty() ? "&ndash;" : esc(s.onlineDdl()))
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static String locks(StatementRun s) {
        if (s.locks().isEmpty()) {
            return "no table locks";
        }
        return s.locks().stream().map((LockHeld l) -> l.relation() + ": " + l.mode())
                .collect(Collectors.joining("\n"));
    }

    // ---------------------------------------------------------------- rollback

    private static void rollback(StringBuilder h, RollbackRehearsal r) {
        String css = switch (r.status()) {
            case PASSED -> "pass";
            case FAILED -> "fail";
            case INCOMPLETE -> "warn";
            case SKIPPED -> "skip";
        };
        h.append("<section class=\"rollback\">\n<h2>Rollback rehearsal <span class=\"badge ").append(css).append("\">")
                .append(esc(r.status().id())).append("</span></h2>\n");
        if (!r.dataLoss().isEmpty()) {
            h.append("<div class=\"dataloss\"><b>Rollback destroys data:</b><ul>");
            for (String d : r.dataLoss()) {
                h.append("<li>").append(esc(d)).append("</li>");
            }
            h.append("</ul></div>\n");
        }
        differences(h, "Schema after rollback differs from the schema before the migration", r.afterRollback());
        differences(h, "Schema after re-applying differs from the schema after the migration", r.afterReapply());
        if (!r.notes().isEmpty()) {
            h.append("<ul class=\"notes\">");
            for (String n : r.notes()) {
                h.append("<li>").append(esc(n)).append("</li>");
            }
            h.append("</ul>\n");
        }
        h.append("</section>\n");
    }

    private static void differences(StringBuilder h, String title, List<SchemaDifference> diffs) {
        if (diffs.isEmpty()) {
            return;
        }
        h.append("<h3>").append(esc(title)).append("</h3>\n<table>\n<thead><tr><th>object</th><th>before</th><th>after</th></tr></thead>\n<tbody>\n");
        for (SchemaDifference d : diffs) {
            h.append("<tr><td><code>").append(esc(d.object())).append("</code></td><td>")
                    .append(d.before().isEmpty() ? "<i>absent</i>" : "<code>" + esc(d.before()) + "</code>").append("</td><td>")
                    .append(d.after().isEmpty() ? "<i>absent</i>" : "<code>" + esc(d.after()) + "</code>").append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    // ---------------------------------------------------------------- small things

    private static String changesetOf(DryRunReport r, StatementRun s) {
        for (ChangesetRun c : r.changesets()) {
            if (c.statements().contains(s)) {
                return c.name();
            }
        }
        return "";
    }

    private static void fact(StringBuilder h, String name, String value) {
        h.append("<dt>").append(esc(name)).append("</dt><dd>").append(esc(value)).append("</dd>\n");
    }

    private static String snapshot(DryRunReport r) {
        return JdbcUrls.withoutSecrets(r.snapshot());
    }

    static String ms(long ms) {
        if (ms >= 60_000) {
            return String.format(Locale.ROOT, "%d min %d s", ms / 60_000, (ms % 60_000) / 1000);
        }
        if (ms >= 10_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return ms + " ms";
    }

    /** The smallest round span at least {@code v} whose fifths are round too (1, 2, 3, 4, 5, 6, 8 or 10 times a power of ten). */
    static long niceCeiling(long v) {
        long p = 1;
        while (true) {
            for (long m : new long[] {5, 10, 15, 20, 25, 30, 40, 50}) {
                if (m * p >= v) {
                    return m * p;
                }
            }
            p *= 10;
        }
    }

    private static String oneLine(String sql) {
        return sql.strip().replaceAll("\\s+", " ");
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "\u2026";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * Escapes text for HTML element content and quoted attribute values; control characters become
     * visible. Every HTML page the tool writes escapes with this.
     */
    public static String esc(String s) {
        String v = ReportText.visible(s);
        StringBuilder b = new StringBuilder(v.length() + 16);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;margin:24px auto;max-width:1160px;padding:0 16px}
            h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:28px 0 8px}h3{font-size:15px;margin:18px 0 4px}
            .badge{display:inline-block;font-size:12px;font-weight:600;padding:2px 8px;border-radius:10px;vertical-align:middle;text-transform:uppercase;letter-spacing:.03em}
            .pass{background:#dff3e4;color:#1e6b34}.fail{background:#fbe0df;color:#9b1c19}.warn{background:#fff1cc;color:#7a5b00}.skip{background:#e8eaee;color:#4a5160}
            dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}dt{color:#5b6475}dd{margin:0;word-break:break-all}
            .failure{color:#9b1c19;font-weight:600;white-space:pre-wrap}
            section.budget,section.rollback{border:1px solid #d9dde5;border-radius:6px;padding:4px 16px 10px;margin-top:14px}
            ol.breaches>li{margin-bottom:10px}ol.breaches ul{margin:2px 0;padding-left:18px}.limits{color:#5b6475}
            pre{margin:2px 0;white-space:pre-wrap;word-break:break-word;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
            pre.rewrite{background:#f1f7f2;border-left:3px solid #4caf6a;padding:4px 8px}
            code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
            table{border-collapse:collapse;width:100%;margin:6px 0 12px}th,td{border-bottom:1px solid #e3e6ec;padding:4px 6px;text-align:left;vertical-align:top}
            th{background:#f4f5f8;font-weight:600;font-size:12px}td.n,th.n{text-align:right}td.n{white-space:nowrap}td.sql{min-width:240px}
            tr.failed td{background:#fdf0ef}tr.skipped td{color:#8a91a0}tr.stopped_by_budget td{background:#fff6e6}
            .where{color:#7a8190;font-size:12px}
            .lock{display:inline-block;padding:0 6px;border-radius:3px;font:12px ui-monospace,Menlo,Consolas,monospace;color:#fff}
            .lock.reads{background:#d64541}.lock.writes{background:#f08c2a}.lock.ddl{background:#e8c840;color:#222}.lock.none{background:#4caf6a}
            .legend{display:flex;flex-wrap:wrap;gap:14px;font-size:12px;color:#4a5160;margin-bottom:4px}
            .legend i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:5px;vertical-align:-2px}
            svg.timeline{display:block;max-width:100%;height:auto;border:1px solid #e3e6ec;border-radius:4px;background:#fff}
            svg .grid{stroke:#e3e6ec}svg .tick{font-size:11px;fill:#7a8190}svg .label{font:12px ui-monospace,Menlo,Consolas,monospace;fill:#1d2330}
            svg .figure{font-size:11px;fill:#4a5160}svg .figure.inside{fill:#fff}svg .figure.inside.ddl{fill:#222}svg .stripe{fill:#f7f8fa}svg .failed{stroke:#000;stroke-dasharray:3 2}
            .dataloss{background:#fbe0df;border-left:4px solid #d64541;padding:6px 12px;margin:8px 0}
            footer{margin-top:32px;color:#8a91a0;font-size:12px}
            """;
}

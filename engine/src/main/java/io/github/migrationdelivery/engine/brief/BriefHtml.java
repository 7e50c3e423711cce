package io.github.migrationdelivery.engine.brief;

import io.github.migrationdelivery.engine.report.DryRunHtml;

import java.util.List;

/** The brief as one self-contained HTML page: inline CSS, no scripts, every text escaped. */
public final class BriefHtml implements BriefLayout.Page {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
            + "padding:0 1rem;line-height:1.45;color:#222}code{background:#f3f3f3;padding:0 .2em}"
            + "h1{font-size:1.6rem}h2{border-bottom:1px solid #ddd}h3{font-size:1.05rem;margin-top:1.6rem}"
            + ".label{font-weight:600}";

    private final StringBuilder out = new StringBuilder();

    private BriefHtml() {
    }

    public static String render(RiskBrief brief) {
        BriefHtml html = new BriefHtml();
        html.out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Risk brief: ")
                .append(escape(brief.classification().id())).append(" change</title><style>").append(STYLE)
                .append("</style></head><body>\n");
        BriefLayout.render(brief, html);
        html.out.append("</body></html>\n");
        return html.out.toString();
    }

    @Override
    public void title(String text) {
        out.append("<h1>").append(escape(text)).append("</h1>\n");
    }

    @Override
    public void heading(String text) {
        out.append("<h2>").append(escape(text)).append("</h2>\n");
    }

    @Override
    public void subheading(String text) {
        out.append("<h3>").append(escape(text)).append("</h3>\n");
    }

    @Override
    public void bullets(List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        out.append("<ul>\n");
        for (String i : items) {
            out.append("<li>").append(escape(i)).append("</li>\n");
        }
        out.append("</ul>\n");
    }

    @Override
    public void codeBullets(List<String[]> codeAndText) {
        out.append("<ul>\n");
        for (String[] ct : codeAndText) {
            out.append("<li><code>").append(escape(ct[0])).append("</code>: ").append(escape(ct[1])).append("</li>\n");
        }
        out.append("</ul>\n");
    }

    @Override
    public void paragraph(String label, String text) {
        out.append("<p>");
        if (!label.isEmpty()) {
            out.append("<span class=\"label\">").append(escape(label)).append(":</span> ");
        }
        out.append(escape(text)).append("</p>\n");
    }

    private static String escape(String s) {
        return DryRunHtml.esc(s);
    }
}

package io.github.migrationdelivery.engine.brief;

import java.util.List;

/** The brief as Markdown, for pull-request comments and CI summaries. */
public final class BriefMarkdown implements BriefLayout.Page {

    private final StringBuilder out = new StringBuilder();

    private BriefMarkdown() {
    }

    public static String render(RiskBrief brief) {
        BriefMarkdown md = new BriefMarkdown();
        BriefLayout.render(brief, md);
        return md.out.toString();
    }

    @Override
    public void title(String text) {
        block().append("# ").append(text).append('\n');
    }

    @Override
    public void heading(String text) {
        block().append("## ").append(text).append('\n');
    }

    @Override
    public void subheading(String text) {
        block().append("### ").append(text).append('\n');
    }

    @Override
    public void bullets(List<String> items) {
        if (!items.isEmpty()) {
            block();
        }
        for (String i : items) {
            out.append("- ").append(i).append('\n');
        }
    }

    @Override
    public void codeBullets(List<String[]> codeAndText) {
        block();
        for (String[] ct : codeAndText) {
            out.append("- ").append(code(ct[0])).append(": ").append(ct[1]).append('\n');
        }
    }

    @Override
    public void paragraph(String label, String text) {
        block();
        if (!label.isEmpty()) {
            out.append("**").append(label).append(":**").append(text.isEmpty() ? "" : " ");
        }
        out.append(text).append('\n');
    }

    /** Blocks are separated by one blank line. */
    private StringBuilder block() {
        if (out.length() > 0) {
            out.append('\n');
        }
        return out;
    }

    /** A code span that survives backticks in the SQL (MySQL quotes names with them). */
    private static String code(String sql) {
        String fence = sql.contains("`") ? "``" : "`";
        return fence + (fence.length() > 1 ? " " + sql + " " : sql) + fence;
    }
}

package io.github.migrationdelivery.engine.brief;

import java.util.ArrayList;
import java.util.List;

/** The brief's sections in reading order, laid out once for every output format. */
final class BriefLayout {

    /** One output format's way of writing the parts of a page. */
    interface Page {
        void title(String text);

        void heading(String text);

        void subheading(String text);

        void bullets(List<String> items);

        /** A bullet starting with code (a statement), then text. */
        void codeBullets(List<String[]> codeAndText);

        void paragraph(String label, String text);
    }

    private BriefLayout() {
    }

    static void render(RiskBrief brief, Page page) {
        page.title("Risk brief: " + brief.classification().id() + " change");
        page.bullets(brief.summary());
        page.heading("Tables");
        if (brief.tables().isEmpty()) {
            page.paragraph("", "The plan touches no table.");
        } else {
            List<String> tables = new ArrayList<>();
            for (RiskBrief.TableNote t : brief.tables()) {
                tables.add(t.table() + ": " + (t.facts().isEmpty() ? sizeUnknown(brief) : String.join("; ", t.facts())));
            }
            page.bullets(tables);
            page.paragraph("", "Table sizes are not part of the dry-run report; the figures are what the dry-run changed.");
        }
        page.heading("Changesets");
        for (RiskBrief.ChangesetBrief c : brief.changesets()) {
            page.subheading(c.name() + " (" + c.classification().id() + ")");
            page.paragraph("What it does", c.does().isEmpty() ? "only session settings." : "");
            page.bullets(c.does());
            if (!c.locks().isEmpty()) {
                page.paragraph("Locks", "");
                List<String[]> locks = new ArrayList<>();
                c.locks().forEach(l -> locks.add(new String[] {l.statement(), l.text()}));
                page.codeBullets(locks);
            }
            page.paragraph("Old application version", c.oldVersion().isEmpty() ? "keeps working." : "");
            page.bullets(c.oldVersion());
            if (!c.findings().isEmpty()) {
                page.paragraph("Lint", "");
                page.bullets(c.findings());
            }
            page.paragraph("Undo" + (c.undoLosesData() ? " (loses data)" : ""), c.undo());
        }
    }

    private static String sizeUnknown(RiskBrief brief) {
        return brief.measured() ? "no rows changed in the dry-run" : "size not measured";
    }
}

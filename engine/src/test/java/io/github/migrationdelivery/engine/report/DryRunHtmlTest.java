package io.github.migrationdelivery.engine.report;

import io.github.migrationdelivery.engine.dryrun.ChangesetRun;
import io.github.migrationdelivery.engine.dryrun.DryRunReport;
import io.github.migrationdelivery.engine.dryrun.DryRunSamples;
import io.github.migrationdelivery.engine.dryrun.LockHeld;
import io.github.migrationdelivery.engine.dryrun.Outcome;
import io.github.migrationdelivery.engine.dryrun.StatementRun;
import io.github.migrationdelivery.engine.plan.SourcePosition;
import io.github.migrationdelivery.engine.report.DryRunJson.Document;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class DryRunHtmlTest {

    @Test
    void oneBarPerStatementColouredByItsStrongestLockWithTheBlockedTimeOnTop() throws IOException {
        String html = html(DryRunJsonTest.full());

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg class=\"timeline\"");
        // Three statements: two AccessExclusiveLock (red), one ShareLock (orange); each blocked probe drawn dark.
        assertThat(count(html, "fill=\"" + DryRunHtml.Impact.READS.fill + "\"")).isEqualTo(2);
        assertThat(count(html, "fill=\"" + DryRunHtml.Impact.WRITES.fill + "\"")).isEqualTo(1);
        assertThat(count(html, "fill=\"" + DryRunHtml.Impact.WRITES.dark + "\"")).isEqualTo(1);
        assertThat(html).contains("write-blocking lock held 1830 ms").contains("probes blocked: reads 1822 ms, writes 1824 ms");
        // The budget verdict, with the rule and its rewrite.
        assertThat(html).contains("5 breaches").contains("require-concurrent-index-creation")
                .contains("CREATE INDEX CONCURRENTLY idx_orders_customer_id");
    }

    @Test
    void isSelfContained() throws IOException {
        String html = html(DryRunJsonTest.full());
        assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=")
                .doesNotContain("@import").doesNotContain("url(");
        // The only address is the SVG namespace, which is a name, not a fetch.
        assertThat(Pattern.compile("https?://").matcher(html.replace("http://www.w3.org/2000/svg", "")).find()).isFalse();
    }

    @Test
    void escapesEverythingThatComesFromThePlanOrTheServer() throws IOException {
        String evil = "<script>alert('x')</script> & \"quoted\"";
        StatementRun s = new StatementRun(1, new SourcePosition(Path.of("db/<evil>.sql"), 1, 1), "SELECT '" + evil + "'",
                Outcome.FAILED, 0, 5, 0, List.of(new LockHeld("<t>", "AccessShareLock")), "AccessShareLock", false, false,
                List.of(), 0, 0, 0, 0, "own backend", "", "ERROR: " + evil);
        DryRunReport r = new DryRunReport(DryRunSamples.safe().dialect(), "15", "<snap>", 5, 10, Outcome.FAILED, evil,
                List.of(new ChangesetRun("<id>", "<name>", s.position(), true, Outcome.FAILED, 5, List.of(s))),
                DryRunSamples.failedRehearsal());

        String html = html(new Document(r, "dev", Optional.empty(), Optional.empty()));

        assertThat(html).doesNotContain("<script").doesNotContain("<evil>").doesNotContain("<snap>").doesNotContain("<name>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;");
    }

    @Test
    void showsTheRollbackRehearsalWithDifferencesAndDataLoss() throws IOException {
        DryRunReport safe = DryRunSamples.safe();
        DryRunReport r = new DryRunReport(safe.dialect(), safe.serverVersion(), safe.snapshot(), safe.totalMs(), 10,
                safe.outcome(), "", safe.changesets(), DryRunSamples.failedRehearsal());
        String html = html(new Document(r, "dev", Optional.empty(), Optional.empty()));
        assertThat(html).contains("Rollback rehearsal <span class=\"badge fail\">failed")
                .contains("Rollback destroys data").contains("drops column customers.first_name")
                .contains("column orders.status").contains("2.0-customer-status-expand has no rollback");
    }

    /** Writes the sample reports next to the build, for a look in a browser (and a screenshot in review). */
    @Test
    void writesSampleFiles() throws IOException {
        Path out = Path.of("target", "dry-run-samples");
        Files.createDirectories(out);
        DryRunHtml.write(DryRunJsonTest.full(), out.resolve("unsafe.html"));
        DryRunReport safe = DryRunSamples.safe();
        DryRunHtml.write(new Document(safe, "dev", Optional.empty(), Optional.empty()), out.resolve("safe.html"));
        assertThat(out.resolve("unsafe.html")).isNotEmptyFile();
    }

    @Test
    void timeAxisEndsOnARoundNumber() {
        assertThat(DryRunHtml.niceCeiling(1)).isEqualTo(5);
        assertThat(DryRunHtml.niceCeiling(2500)).isEqualTo(2500);
        assertThat(DryRunHtml.niceCeiling(930)).isEqualTo(1000);
        assertThat(DryRunHtml.niceCeiling(2600)).isEqualTo(3000);
        assertThat(DryRunHtml.niceCeiling(11)).isEqualTo(15);
    }

    private static String html(Document doc) throws IOException {
        StringBuilder sb = new StringBuilder();
        DryRunHtml.write(doc, sb);
        return sb.toString();
    }

    private static int count(String s, String part) {
        return s.split(Pattern.quote(part), -1).length - 1;
    }
}

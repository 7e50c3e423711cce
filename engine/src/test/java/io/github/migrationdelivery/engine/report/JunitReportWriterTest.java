package io.github.migrationdelivery.engine.report;

import io.github.migrationdelivery.engine.lint.FailLevel;
import io.github.migrationdelivery.engine.lint.LintResult;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

class JunitReportWriterTest {

    private static Document parse(LintResult result) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder()
                .parse(new InputSource(new StringReader(LintResults.write(LintFormat.JUNIT, result))));
    }

    private static Element testcase(Document doc, int i) {
        return (Element) doc.getElementsByTagName("testcase").item(i);
    }

    @Test
    void oneTestcasePerChangesetNamedByFileAndChangeset() throws Exception {
        Document doc = parse(LintResults.mixed());
        Element suite = doc.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("migration-delivery lint");
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(suite.getAttribute("skipped")).isEqualTo("0");
        NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(3);
        assertThat(testcase(doc, 0).getAttribute("classname")).isEqualTo("db/changelog.xml");
        assertThat(testcase(doc, 0).getAttribute("name")).isEqualTo("1::alice");
        assertThat(testcase(doc, 1).getAttribute("classname")).isEqualTo("db/migration/V2__backfill status.sql");
        assertThat(testcase(doc, 1).getAttribute("name")).isEqualTo("2");
        assertThat(testcase(doc, 2).getAttribute("name")).isEqualTo("3::bob");
        assertThat(testcase(doc, 2).getChildNodes().getLength()).isZero();
    }

    @Test
    void findingsAtFailLevelFailTheirChangesetOthersGoToSystemOut() throws Exception {
        Document doc = parse(LintResults.mixed());
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(1);
        Element failure = (Element) testcase(doc, 0).getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("require-concurrent-index-creation");
        assertThat(failure.getAttribute("message")).startsWith("CREATE INDEX takes ShareLock on \"orders\" & blocks");
        assertThat(failure.getTextContent())
                .startsWith("db/changelog.xml:5:9: error [require-concurrent-index-creation]")
                .contains("    fix:\n        CREATE INDEX CONCURRENTLY idx_orders_status");
        String out = testcase(doc, 0).getElementsByTagName("system-out").item(0).getTextContent();
        assertThat(out).startsWith("db/changelog.xml:8:9: warning [ban-drop-column]");
        assertThat(testcase(doc, 1).getElementsByTagName("failure").getLength()).isZero();
        assertThat(testcase(doc, 1).getElementsByTagName("system-out").item(0).getTextContent())
                .contains("[prefer-bigint]").contains("[transaction-nesting]");
    }

    @Test
    void warningFailLevelPutsAllFailingFindingsOfAChangesetIntoOneFailure() throws Exception {
        Document doc = parse(LintResults.mixed(FailLevel.WARNING));
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("2");
        // Jenkins reads one failure per test case, so a changeset's failing findings share one element.
        Element failure = (Element) testcase(doc, 0).getElementsByTagName("failure").item(0);
        assertThat(testcase(doc, 0).getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(failure.getAttribute("type")).isEqualTo("require-concurrent-index-creation,ban-drop-column");
        assertThat(failure.getAttribute("message")).endsWith("(and 1 more)");
        assertThat(failure.getTextContent()).contains("[require-concurrent-index-creation]").contains("[ban-drop-column]");
        assertThat(testcase(doc, 1).getElementsByTagName("system-out").item(0).getTextContent()).contains("[prefer-bigint]");
    }

    @Test
    void neverFailLevelHasNoFailures() throws Exception {
        Document doc = parse(LintResults.mixed(FailLevel.NEVER));
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(doc.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void markupQuotesAndControlCharactersSurviveParsing() throws Exception {
        Document doc = parse(LintResults.mixed(FailLevel.WARNING));
        Element failure = (Element) testcase(doc, 0).getElementsByTagName("failure").item(0);
        assertThat(failure.getTextContent()).contains("Column \"note\" <text> & 'more'\\u0007 is dropped");
        assertThat(JunitReportWriter.attr("a\"b'c<d>&e\nf\tg\u0001h")).isEqualTo("a&quot;b&apos;c&lt;d&gt;&amp;e&#10;f&#9;g\\u0001h");
        assertThat(JunitReportWriter.text("x]]>y\u0000\uD800z")).isEqualTo("x]]&gt;y\\u0000\\uD800z");
        assertThat(JunitReportWriter.text("emoji \uD83D\uDE00 kept")).isEqualTo("emoji \uD83D\uDE00 kept");
    }

    @Test
    void suitePropertiesDescribeTheRun() throws Exception {
        Document doc = parse(LintResults.mixed());
        NodeList properties = doc.getElementsByTagName("property");
        StringBuilder pairs = new StringBuilder();
        for (int i = 0; i < properties.getLength(); i++) {
            Element p = (Element) properties.item(i);
            pairs.append(p.getAttribute("name")).append('=').append(p.getAttribute("value")).append(';');
        }
        assertThat(pairs.toString()).isEqualTo("tool=migration-delivery 1.2.3;dialect=postgresql;serverVersion=15;"
                + "failLevel=error;classification=destructive;blocking=true;");
    }
}

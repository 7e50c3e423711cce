package io.github.migrationdelivery.engine.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextReportWriterTest {

    private final String text = LintResults.write(LintFormat.TEXT, LintResults.mixed());

    @Test
    void findingStartsWithFileLineColumnSeverityAndRule() {
        assertThat(text).startsWith("db/changelog.xml:5:9: error [require-concurrent-index-creation] "
                + "CREATE INDEX takes ShareLock on \"orders\" & blocks writes while it builds.\n");
    }

    @Test
    void showsLockStatementLineAndIndentedFix() {
        assertThat(text).contains("    changeset: 1::alice\n")
                .contains("    lock: ShareLock, blocks writes, DDL\n")
                .contains("    statement: CREATE INDEX idx_orders_status ...\n")
                .contains("    fix:\n        CREATE INDEX CONCURRENTLY idx_orders_status\n            ON orders (status);\n")
                .contains("    see: docs/rules/require-concurrent-index-creation.md\n")
                .contains("    lock: MDL_SHARED_UPGRADABLE (ALGORITHM=INSTANT), blocks DDL, rewrites table\n");
    }

    @Test
    void findingWithoutLineShowsTheFileAlone() {
        assertThat(text).contains("\ndb/migration/V2__backfill status.sql: warning [transaction-nesting] plan-level");
    }

    @Test
    void controlCharactersAreMadeVisible() {
        assertThat(text).contains("'more'\\u0007 is dropped").doesNotContain("\u0007");
    }

    @Test
    void summaryCountsClassifiesAndListsChangesets() {
        assertThat(text).endsWith("1 error, 2 warnings, 1 info in 3 changesets\n"
                + "plan: destructive, blocking\n"
                + "  1::alice (db/changelog.xml:3:5): destructive, blocking, 2 findings\n"
                + "  2 (db/migration/V2__backfill status.sql:1:1): additive, 2 findings\n"
                + "  3::bob (db/changelog.xml:20:5): additive\n"
                + "result: failed (fail level error)\n");
    }

    @Test
    void cleanPlanSaysNoFindings() {
        assertThat(LintResults.write(LintFormat.TEXT, LintResults.clean())).isEqualTo(
                "no findings in 1 changeset\n"
                + "plan: additive, not blocking\n"
                + "  1::alice (db/changelog.xml:3:5): additive\n"
                + "result: passed (fail level error)\n");
    }
}

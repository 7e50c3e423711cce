package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.ChangesetKind;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.SourcePosition;
import io.github.migrationdelivery.engine.plan.Statement;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The linter's own behaviour: suppressions, unparsed statements, classification, settings. */
class LinterTest {

    private static final String DROP = "ALTER TABLE customers DROP COLUMN full_name;\n";

    @Test
    void anAllowWithAReasonSuppressesAndIsKeptWithItsReason() {
        LintResult r = LintFixture.lint("-- md:allow ban-drop-column release 1.9 stopped reading it\n" + DROP);
        assertThat(r.findings()).extracting(Finding::ruleId).doesNotContain("ban-drop-column", "unused-allow");
        assertThat(r.changesets().get(0).suppressed()).singleElement().satisfies(s -> {
            assertThat(s.finding().ruleId()).isEqualTo("ban-drop-column");
            assertThat(s.reason()).isEqualTo("release 1.9 stopped reading it");
        });
    }

    @Test
    void anAllowOnTheSameLineAfterTheStatementCounts() {
        LintResult r = LintFixture.lint("ALTER TABLE customers DROP COLUMN full_name; -- md:allow ban-drop-column unused since 1.9\n");
        assertThat(r.findings()).extracting(Finding::ruleId).doesNotContain("ban-drop-column", "unused-allow");
    }

    @Test
    void anAllowWithoutAReasonSuppressesNothingAndIsItselfAnError() {
        LintResult r = LintFixture.lint("SELECT 1;\n-- md:allow ban-drop-column\n" + DROP);
        assertThat(r.findings()).extracting(Finding::ruleId).contains("ban-drop-column", "allow-without-reason");
        Finding f = r.findings().stream().filter(x -> x.ruleId().equals("allow-without-reason")).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.position().line()).as("the comment's own line").isEqualTo(2);
    }

    @Test
    void anAllowThatAllowsNothingIsReported() {
        List<String> rules = LintFixture.ruleIds("-- md:allow ban-drop-table we know\nALTER TABLE t ADD COLUMN c text;\n");
        assertThat(rules).contains("unused-allow");
        LintResult unknown = LintFixture.lint("-- md:allow no-such-rule typo\nSELECT 1;\n");
        assertThat(unknown.findings()).filteredOn(f -> f.ruleId().equals("unused-allow"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("unknown rule").contains("no-such-rule"));
    }

    @Test
    void aChangesetCommentAllowsForTheWholeChangeset() {
        LintResult r = LintFixture.lint("-- md:changeset comment=md:allow ban-drop-column contract step after 2.3\n" + DROP);
        assertThat(r.findings()).extracting(Finding::ruleId).doesNotContain("ban-drop-column", "unused-allow");
        assertThat(r.changesets().get(0).suppressed()).hasSize(1);
    }

    @Test
    void aStatementNothingUnderstandsIsReportedNeverSkipped() {
        LintResult r = LintFixture.lint("FROBNICATE the orders table;\n");
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("unparsed-statement");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.position().line()).isEqualTo(1);
            assertThat(f.message()).contains("FROBNICATE");
        });
    }

    @Test
    void statementsTheFullParserKnowsAreNotUnparsed() {
        assertThat(LintFixture.ruleIds("ALTER SYSTEM SET work_mem = '64MB';\n")).doesNotContain("unparsed-statement");
    }

    @Test
    void aFunctionBodyFullOfDdlTextIsOneHarmlessStatement() {
        List<String> rules = LintFixture.ruleIds("""
                CREATE OR REPLACE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $body$
                BEGIN
                  -- not a migration: text inside the body
                  EXECUTE 'ALTER TABLE orders DROP COLUMN status; DROP TABLE customers; CREATE INDEX i ON orders (id)';
                  RETURN NEW;
                END;
                $body$;
                """);
        assertThat(rules).doesNotContain("ban-drop-column", "ban-drop-table", "require-concurrent-index-creation",
                "unparsed-statement");
    }

    @Test
    void classificationAndBlockingFollowTheStatements() {
        LintResult additive = LintFixture.lint("ALTER TABLE orders ADD COLUMN note text;\n");
        assertThat(additive.changeClass()).isEqualTo(ChangeClass.ADDITIVE);
        assertThat(additive.blocking()).isFalse();

        LintResult backfill = LintFixture.lint("UPDATE orders SET note = '' WHERE id < 100;\n");
        assertThat(backfill.changeClass()).isEqualTo(ChangeClass.BACKFILL);

        LintResult destructive = LintFixture.lint("-- md:changeset\nCREATE INDEX i ON orders (customer_id);\n-- md:changeset\n" + DROP);
        assertThat(destructive.changesets()).extracting(ChangesetVerdict::changeClass)
                .containsExactly(ChangeClass.ADDITIVE, ChangeClass.DESTRUCTIVE);
        assertThat(destructive.changesets()).extracting(ChangesetVerdict::blocking).containsExactly(true, false);
        assertThat(destructive.changeClass()).isEqualTo(ChangeClass.DESTRUCTIVE);
        assertThat(destructive.blocking()).isTrue();

        LintResult newTable = LintFixture.lint("CREATE TABLE t (id bigint PRIMARY KEY);\nCREATE INDEX i ON t (id);\nDROP TABLE t;\n");
        assertThat(newTable.changeClass()).as("a table born and dropped in the plan held no data").isEqualTo(ChangeClass.ADDITIVE);
        assertThat(newTable.blocking()).isFalse();
    }

    @Test
    void severityOverridesDisabledAndOptInRules() {
        Plan plan = plan("CREATE TABLE t (id bigint PRIMARY KEY, n int);");
        RuleCatalogue catalogue = RuleCatalogue.load();
        LintResult defaults = new Linter(LintSettings.defaults(Dialect.POSTGRESQL), catalogue).lint(plan);
        assertThat(defaults.findings()).extracting(Finding::ruleId).contains("prefer-bigint-over-int")
                .doesNotContain("require-table-schema");

        LintSettings tuned = new LintSettings(Dialect.POSTGRESQL, Dialect.POSTGRESQL.defaultVersion(), FailLevel.ERROR,
                Set.of("prefer-bigint-over-int"), Set.of("require-table-schema"), Map.of("require-primary-key", Severity.ERROR));
        LintResult r = new Linter(tuned, catalogue).lint(plan);
        assertThat(r.findings()).extracting(Finding::ruleId).doesNotContain("prefer-bigint-over-int").contains("require-table-schema");

        LintSettings strict = new LintSettings(Dialect.POSTGRESQL, Dialect.POSTGRESQL.defaultVersion(), FailLevel.ERROR,
                Set.of(), Set.of(), Map.of("prefer-bigint-over-int", Severity.ERROR));
        LintResult raised = new Linter(strict, catalogue).lint(plan);
        assertThat(raised.findings()).filteredOn(f -> f.ruleId().equals("prefer-bigint-over-int"))
                .allMatch(f -> f.severity() == Severity.ERROR);
        assertThat(raised.failed()).isTrue();
    }

    @Test
    void unknownRuleIdsInSettingsAreBadInput() {
        LintSettings typo = new LintSettings(Dialect.POSTGRESQL, Dialect.POSTGRESQL.defaultVersion(), FailLevel.ERROR,
                Set.of("prefer-bigint-over-innt"), Set.of(), Map.of());
        assertThatThrownBy(() -> new Linter(typo, RuleCatalogue.load()))
                .isInstanceOf(EngineException.class).hasMessageContaining("prefer-bigint-over-innt");
    }

    @Test
    void findingsAreIdenticalRunToRun() {
        String sql = "CREATE INDEX i ON orders (a);\nALTER TABLE orders ALTER COLUMN b TYPE bigint;\n" + DROP;
        assertThat(LintFixture.lint(sql).findings()).isEqualTo(LintFixture.lint(sql).findings());
    }

    private static Plan plan(String sql) {
        Changeset c = new Changeset("1", "", "", ChangesetKind.PLAIN_SQL, SourcePosition.of(Path.of("a.sql")), true,
                List.of(new Statement(sql, new SourcePosition(Path.of("a.sql"), 1, 1))), Optional.empty(), Set.of(), Set.of(), "");
        return new Plan(Dialect.POSTGRESQL, List.of(c));
    }
}

package io.github.migrationdelivery.engine.lint.rules.common;

import io.github.migrationdelivery.engine.lint.ChangesetVerdict;
import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.LintFixture;
import io.github.migrationdelivery.engine.lint.LintResult;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.Statement;
import io.github.migrationdelivery.engine.plan.UninspectableChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** uninspectable-code-block on Liquibase {@code <executeCommand>}, read from a real XML changelog. */
class UninspectableExecuteCommandTest {

    @TempDir
    Path tmp;

    // The fixture's changelog header takes lines 1-5, so the first changeSet is on line 6.
    private Plan plan() throws IOException {
        return LintFixture.liquibase(tmp, """
                <changeSet id="1" author="ann">
                  <sql>CREATE TABLE audit (id int)</sql>
                  <executeCommand executable="/usr/bin/vacuumdb">
                    <arg value="--password=hunter2"/>
                  </executeCommand>
                </changeSet>
                <changeSet id="2" author="ann">
                  <comment>md:allow uninspectable-code-block runs vacuumdb --analyze on audit, about a minute</comment>
                  <executeCommand executable="/usr/bin/vacuumdb"/>
                </changeSet>
                <changeSet id="3" author="ann">
                  <executeCommand executable="/opt/refresh.sh"/>
                </changeSet>
                """);
    }

    @Test
    void theCommandIsKeptApartFromTheStatementsThatAreRunAsSql() throws IOException {
        List<Changeset> changesets = plan().changesets();
        assertThat(changesets.get(0).statements()).extracting(Statement::sql).containsExactly("CREATE TABLE audit (id int)");
        assertThat(changesets.get(2).statements()).isEmpty();
        assertThat(changesets).extracting(c -> c.uninspectable().size()).containsExactly(1, 1, 1);
        UninspectableChange first = changesets.get(0).uninspectable().get(0);
        assertThat(first.element()).isEqualTo("executeCommand");
        assertThat(first.subject()).isEqualTo("/usr/bin/vacuumdb");
        assertThat(first.position().line()).isEqualTo(8);
        assertThat(changesets.get(2).uninspectable().get(0).position().line()).isEqualTo(17);
    }

    @Test
    void eachCommandIsReportedAtItsLineUnlessAllowedWithAReason() throws IOException {
        LintResult result = LintFixture.lint(plan());
        List<Finding> found = result.findings().stream().filter(f -> f.ruleId().equals("uninspectable-code-block")).toList();
        assertThat(found).extracting(Finding::changeset).containsExactly("1::ann", "3::ann");
        assertThat(found).extracting(f -> f.position().line()).containsExactly(8, 17);
        assertThat(found.get(0).message()).contains("'/usr/bin/vacuumdb'").contains("do not run it")
                .doesNotContain("hunter2");
        assertThat(found.get(0).safeRewrite()).contains("<comment>md:allow uninspectable-code-block ");
        ChangesetVerdict allowed = result.changesets().get(1);
        assertThat(allowed.findings()).isEmpty();
        assertThat(allowed.suppressed()).singleElement().satisfies(s -> {
            assertThat(s.finding().ruleId()).isEqualTo("uninspectable-code-block");
            assertThat(s.reason()).isEqualTo("runs vacuumdb --analyze on audit, about a minute");
        });
    }
}

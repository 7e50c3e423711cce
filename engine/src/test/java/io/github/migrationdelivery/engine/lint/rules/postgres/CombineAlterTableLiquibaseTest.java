package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.LintFixture;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** combine-alter-table on Liquibase changes, which generate one ALTER TABLE per column of an addColumn. */
class CombineAlterTableLiquibaseTest {

    @TempDir
    Path tmp;

    private Plan read(String changes) throws IOException {
        return LintFixture.liquibase(tmp, "<changeSet id=\"1\" author=\"ann\">\n" + changes + "</changeSet>\n");
    }

    private static List<Finding> combineFindings(Plan plan) {
        return LintFixture.lint(plan).findings().stream().filter(f -> f.ruleId().equals("combine-alter-table")).toList();
    }

    @Test
    void oneMultiColumnAddColumnIsOneChangeNotSeveralAlters() throws IOException {
        Plan plan = read("""
                    <addColumn tableName="orders">
                      <column name="note" type="text"/>
                      <column name="remark" type="text"/>
                      <column name="third" type="text"/>
                    </addColumn>
                """);
        List<Statement> statements = plan.changesets().get(0).statements();
        assertThat(statements).as("Liquibase generates one ALTER TABLE per column").hasSize(3)
                .allSatisfy(s -> assertThat(s.generatedBy()).isZero());
        assertThat(combineFindings(plan)).isEmpty();
    }

    @Test
    void twoChangesOnOneTableAreReportedOncePerLaterChange() throws IOException {
        Plan plan = read("""
                    <addColumn tableName="orders">
                      <column name="note" type="text"/>
                      <column name="remark" type="text"/>
                    </addColumn>
                    <addColumn tableName="orders">
                      <column name="third" type="text"/>
                      <column name="fourth" type="text"/>
                    </addColumn>
                    <sql>ALTER TABLE orders ADD COLUMN fifth text</sql>
                """);
        List<Statement> statements = plan.changesets().get(0).statements();
        assertThat(statements).extracting(Statement::generatedBy).containsExactly(0, 0, 1, 1, Statement.WRITTEN);
        List<Finding> findings = combineFindings(plan);
        assertThat(findings).extracting(Finding::statement)
                .containsExactly("ALTER TABLE orders ADD third TEXT", "ALTER TABLE orders ADD COLUMN fifth text");
        assertThat(findings.get(0).safeRewrite()).contains("write the changes as one <sql> change");
        assertThat(findings.get(1).safeRewrite()).doesNotContain("<sql>");
    }
}

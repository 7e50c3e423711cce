package io.github.migrationdelivery.engine.config;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.FailLevel;
import io.github.migrationdelivery.engine.lint.TableRows;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.ChangesetKind;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.SourcePosition;
import io.github.migrationdelivery.engine.plan.Statement;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code lint:} section: production table sizes and naming conventions, and what the linter does with them. */
class ConfigLoaderLintTest {

    @TempDir
    Path dir;

    private ProjectConfig read(String yaml) throws IOException {
        Path file = dir.resolve(ConfigLoader.FILE_NAME);
        Files.writeString(file, yaml);
        return ConfigLoader.read(file);
    }

    @Test
    void readsTableRowsAndTheThreshold() throws IOException {
        TableRows rows = read("lint:\n  tableRows:\n    Orders: 12_000_000\n    billing.invoices: 800000\n"
                + "  largeTableRows: 500000\n").tableRows();
        assertThat(rows.of(QualifiedName.of("orders"))).isEqualTo(OptionalLong.of(12_000_000));
        assertThat(rows.of(new QualifiedName("shop", "orders"))).as("an unqualified entry answers for any schema")
                .isEqualTo(OptionalLong.of(12_000_000));
        assertThat(rows.of(new QualifiedName("billing", "invoices"))).isEqualTo(OptionalLong.of(800_000));
        assertThat(rows.of(QualifiedName.of("invoices"))).isEmpty();
        assertThat(rows.large(new QualifiedName("billing", "invoices"))).isTrue();
        assertThat(rows.label(QualifiedName.of("orders"), "orders")).isEqualTo("orders (≈12 M rows)");
    }

    @Test
    void theThresholdDefaultsToAMillionRows() throws IOException {
        assertThat(read("lint:\n  tableRows: {orders: 999999}\n").tableRows().largeTableRows()).isEqualTo(1_000_000);
        assertThat(ProjectConfig.empty().tableRows().rows()).isEmpty();
    }

    @Test
    void badValuesNameTheSetting() throws IOException {
        assertThatThrownBy(() -> read("lint:\n  tableRows:\n    orders: many\n")).isInstanceOf(EngineException.class)
                .hasMessageContaining("lint.tableRows.orders must be a whole number of rows");
        assertThatThrownBy(() -> read("lint:\n  tableRows:\n    orders:\n")).isInstanceOf(EngineException.class)
                .hasMessageContaining("lint.tableRows.orders must be a whole number of rows");
        assertThatThrownBy(() -> read("lint:\n  largeTableRows: -1\n")).isInstanceOf(EngineException.class)
                .hasMessageContaining("lint.largeTableRows must be a whole number of rows, 0 or more");
        assertThatThrownBy(() -> read("lint:\n  tableRow: {}\n")).isInstanceOf(EngineException.class)
                .hasMessageContaining("unknown setting 'lint.tableRow' (known: largeTableRows, naming, tableRows)");
    }

    @Test
    void lockFindingsQuoteTheSizeAndTheFlagWinsOverTheFile() throws IOException {
        ProjectConfig project = read("lint:\n  tableRows:\n    orders: 12000000\n");
        Plan plan = new Plan(Dialect.POSTGRESQL, List.of(new Changeset("1", "ann", "", ChangesetKind.LIQUIBASE,
                SourcePosition.of(dir.resolve("c.sql")), true,
                List.of(new Statement("ALTER TABLE orders ALTER COLUMN amount TYPE numeric(12,2);", SourcePosition.of(dir))),
                Optional.empty(), Set.of(), Set.of(), "")));
        Finding rewrite = changingColumnType(project, plan);
        assertThat(rewrite.message()).endsWith("Production size: orders (≈12 M rows).");
        assertThat(changingColumnType(project.withTableRows(Map.of("orders", 1_500L)), plan).message())
                .endsWith("Production size: orders (≈1.5 k rows).");
        assertThat(changingColumnType(ProjectConfig.empty(), plan).message()).doesNotContain("Production size");
    }

    private static Finding changingColumnType(ProjectConfig project, Plan plan) {
        return project.lint(plan, Dialect.POSTGRESQL.defaultVersion(), FailLevel.ERROR).findings().stream()
                .filter(f -> f.ruleId().equals("changing-column-type")).findFirst().orElseThrow();
    }

    // lint.naming: the names the team allows, and the naming-convention rule it turns on

    private List<String> namingFindings(ProjectConfig project, String sql) {
        Plan plan = new Plan(Dialect.POSTGRESQL, List.of(new Changeset("1", "ann", "", ChangesetKind.LIQUIBASE,
                SourcePosition.of(dir.resolve("c.sql")), true, List.of(new Statement(sql, SourcePosition.of(dir))),
                Optional.empty(), Set.of(), Set.of(), "")));
        return project.lint(plan, Dialect.POSTGRESQL.defaultVersion(), FailLevel.ERROR).findings().stream()
                .filter(f -> f.ruleId().equals("naming-convention")).map(Finding::message).toList();
    }

    @Test
    void configuringNamingTurnsTheRuleOnWithSnakeCaseDefaults() throws IOException {
        String sql = "CREATE TABLE \"OrderItems\" (id bigint, \"unitPrice\" int, CONSTRAINT \"PriceCheck\" CHECK (id > 0));";
        assertThat(namingFindings(ProjectConfig.empty(), sql)).as("off without lint.naming").isEmpty();
        assertThat(namingFindings(read("lint:\n  naming: {}\n"), sql)).containsExactly(
                "The table name OrderItems does not match lint.naming.table ([a-z][a-z0-9_]*). Names are cheap to choose"
                        + " now and expensive to change once code and queries use them.",
                "The column name unitPrice does not match lint.naming.column ([a-z][a-z0-9_]*). Names are cheap to choose"
                        + " now and expensive to change once code and queries use them.",
                "The constraint name PriceCheck does not match lint.naming.constraint ([a-z][a-z0-9_]*). Names are cheap"
                        + " to choose now and expensive to change once code and queries use them.");
    }

    @Test
    void indexNamesFollowTheConfiguredPatternAndAnEmptyPatternTurnsAKindOff() throws IOException {
        ProjectConfig project = read("lint:\n  naming:\n    index: \"(idx|uq)_[a-z0-9_]+\"\n    column: \"\"\n");
        assertThat(namingFindings(project, "CREATE INDEX orders_total_idx ON orders (total);"))
                .singleElement().asString().contains("lint.naming.index ((idx|uq)_[a-z0-9_]+)");
        assertThat(namingFindings(project, "CREATE INDEX idx_orders_total ON orders (total);")).isEmpty();
        assertThat(namingFindings(project, "ALTER TABLE orders ADD COLUMN \"camelCase\" int;")).isEmpty();
        assertThat(namingFindings(project, "ALTER TABLE orders RENAME TO \"Orders\";")).hasSize(1);
    }

    @Test
    void indexNamesAreSnakeCaseOnlyByDefault() throws IOException {
        ProjectConfig project = read("lint:\n  naming: {}\n");
        assertThat(namingFindings(project, "CREATE INDEX orders_total ON orders (total);")).isEmpty();
        assertThat(namingFindings(project, "CREATE SEQUENCE \"Order-Numbers\";")).hasSize(1);
    }

    @Test
    void aBadExpressionOrKeyIsOneLineNamingTheSetting() {
        assertThatThrownBy(() -> read("lint:\n  naming:\n    table: \"[a-z\"\n")).isInstanceOf(EngineException.class)
                .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(EngineException.Kind.BAD_INPUT))
                .hasMessageContaining("lint.naming.table is not a valid regular expression: Unclosed character class")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> read("lint:\n  naming:\n    view: x\n")).isInstanceOf(EngineException.class)
                .hasMessageContaining("unknown setting 'lint.naming.view' (known: column, constraint, index, sequence, table, type)");
    }
}

package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.LintFixture;
import io.github.migrationdelivery.engine.lint.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PreferLookupTableOverEnumTest {

    private static Finding only(String sql) {
        List<Finding> found = LintFixture.lint(sql).findings().stream()
                .filter(f -> f.ruleId().equals("prefer-lookup-table-over-enum")).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void rewriteCarriesTheLabelsIntoTheLookupTableAndTheCheck() {
        Finding f = only("""
                -- md:test enable=prefer-lookup-table-over-enum
                CREATE TYPE sales.order_status AS ENUM ('new', 'paid');
                """);
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.safeRewrite())
                .contains("CREATE TABLE sales.order_statuses (value text PRIMARY KEY);")
                .contains("INSERT INTO sales.order_statuses (value) VALUES ('new'), ('paid');")
                .contains("CHECK (<column> IN ('new', 'paid')) NOT VALID;");
    }

    @Test
    void theTransactionCaveatDependsOnTheServerVersion() {
        assertThat(only("""
                -- md:test enable=prefer-lookup-table-over-enum server-version=11
                CREATE TYPE mood AS ENUM ('ok');
                """).message()).contains("before PostgreSQL 12 ADD VALUE cannot run inside a transaction block");
        assertThat(only("""
                -- md:test enable=prefer-lookup-table-over-enum server-version=16
                CREATE TYPE mood AS ENUM ('ok');
                """).message()).contains("cannot be used before it commits");
    }
}

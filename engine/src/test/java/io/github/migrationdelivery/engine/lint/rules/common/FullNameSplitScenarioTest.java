package io.github.migrationdelivery.engine.lint.rules.common;

import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.LintFixture;
import io.github.migrationdelivery.engine.lint.LintResult;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.Suppression;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The must-pass scenario: splitting users.full_name into first_name/last_name. The one-shot
 * migration is reported where it hurts; the expand/contract version passes with only the
 * accountable, suppressed drop.
 */
class FullNameSplitScenarioTest {

    private static final Path CASES = Path.of("src/test/resources/lint/cases/ban-drop-column");

    @Test
    void naiveOneShotMigrationIsReportedOnTheUpdateAndTheDrop() throws IOException {
        LintResult result = lint("fires-full-name-split-naive.sql");
        List<Finding> onUpdate = result.findings().stream().filter(f -> f.statement().startsWith("UPDATE")).toList();
        assertThat(onUpdate).extracting(Finding::ruleId).contains("backfill-in-migration", "ban-unbounded-dml");

        Finding unbounded = only(onUpdate, "ban-unbounded-dml");
        assertThat(unbounded.severity()).isEqualTo(Severity.ERROR);
        assertThat(unbounded.safeRewrite()).contains(
                "UPDATE users SET first_name = split_part(full_name, ' ', 1), last_name = split_part(full_name, ' ', 2)"
                        + " WHERE id BETWEEN :from AND :from + 9999;");

        Finding backfill = only(onUpdate, "backfill-in-migration");
        assertThat(backfill.severity()).isEqualTo(Severity.WARNING);
        assertThat(backfill.message()).contains("same transaction as the DDL");
        assertThat(backfill.safeRewrite()).contains("migration-delivery backfill", "UPDATE users SET first_name = ");

        Finding drop = only(result.findings(), "ban-drop-column");
        assertThat(drop.severity()).isEqualTo(Severity.ERROR);
        assertThat(drop.statement()).startsWith("ALTER TABLE users DROP COLUMN full_name");
        assertThat(drop.message()).contains("users.full_name");
        assertThat(drop.safeRewrite())
                .contains("1. expand:", "2. backfill:", "3. switch:", "4. contract:", "users.full_name")
                .contains("CREATE TABLE users_full_name_backup AS SELECT id, full_name FROM users;")
                .contains("ALTER TABLE users DROP COLUMN full_name;");
        assertThat(result.failed()).isTrue();
    }

    @Test
    void expandBackfillContractPassesWithOnlyTheSuppressedDrop() throws IOException {
        LintResult result = lint("safe-full-name-split-expand-contract.sql");
        assertThat(result.findings()).filteredOn(f -> f.severity() == Severity.ERROR).isEmpty();
        assertThat(result.findings()).extracting(Finding::ruleId)
                .doesNotContain("backfill-in-migration", "ban-unbounded-dml", "ban-drop-column");
        List<Suppression> suppressed = result.changesets().stream().flatMap(c -> c.suppressed().stream()).toList();
        assertThat(suppressed).extracting(s -> s.finding().ruleId()).containsExactly("ban-drop-column");
        assertThat(suppressed.get(0).reason()).contains("release 2.3 stopped reading full_name");
        assertThat(result.failed()).isFalse();
    }

    private static LintResult lint(String file) throws IOException {
        Path path = CASES.resolve(file);
        return LintFixture.lint(Files.readString(path, StandardCharsets.UTF_8), path);
    }

    private static Finding only(List<Finding> findings, String ruleId) {
        List<Finding> matching = findings.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
        assertThat(matching).as("findings of %s", ruleId).hasSize(1);
        return matching.get(0);
    }
}

package io.github.migrationdelivery.engine.lint;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every case under {@code src/test/resources/lint/cases/<rule-id>/}: each {@code fires*.sql}
 * must produce a finding of that rule, each {@code safe*.sql} none. Also checks that every rule
 * has such cases and a documentation page.
 */
class RuleCasesTest {

    private static final Path CASES = Path.of("src/test/resources/lint/cases");
    private static final Path DOCS = Path.of("../docs/rules");

    @TestFactory
    Stream<DynamicTest> everyCase() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(CASES)) {
            for (Path dir : dirs.sorted().toList()) {
                String rule = dir.getFileName().toString();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.sorted().toList()) {
                        String name = file.getFileName().toString();
                        if (name.startsWith("fires")) {
                            tests.add(DynamicTest.dynamicTest(rule + "/" + name, () ->
                                    assertThat(ruleIds(file)).as("findings of %s", file).contains(rule)));
                        } else if (name.startsWith("safe")) {
                            tests.add(DynamicTest.dynamicTest(rule + "/" + name, () ->
                                    assertThat(ruleIds(file)).as("findings of %s", file).doesNotContain(rule)));
                        }
                    }
                }
            }
        }
        return tests.stream();
    }

    @Test
    void everyRuleHasCasesAndADocPage() {
        for (Rule rule : RuleCatalogue.load().rules()) {
            String id = rule.info().id();
            Path dir = CASES.resolve(id);
            assertThat(dir.resolve("fires.sql")).as("a firing case for %s", id).exists();
            assertThat(dir.resolve("safe.sql")).as("a safe case for %s", id).exists();
            assertThat(DOCS.resolve(id + ".md")).as("a doc page for %s", id).exists();
        }
    }

    private static List<String> ruleIds(Path file) throws IOException {
        return LintFixture.lint(Files.readString(file, StandardCharsets.UTF_8), file).findings().stream()
                .map(Finding::ruleId).toList();
    }
}

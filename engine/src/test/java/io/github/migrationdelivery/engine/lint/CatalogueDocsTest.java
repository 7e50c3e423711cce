package io.github.migrationdelivery.engine.lint;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/rules/catalogue.md and the rule pages agree: the catalogue ids a page lists (its
 * {@code | Catalogue |} row, or {@code Catalogue id:} on the MySQL pages) are exactly the rows of
 * the catalogue table that name the rule, every row has some coverage, and every page is a
 * registered rule's. (That every registered rule has a page is {@link RuleCasesTest}'s.)
 */
class CatalogueDocsTest {

    private static final Path DOCS = Path.of("../docs/rules");
    private static final Path CATALOGUE = DOCS.resolve("catalogue.md");
    private static final Pattern PAGE_IDS = Pattern.compile("^(?:\\| Catalogue \\| ([^|]*) \\||Catalogue id: ([^.]*)\\.)", Pattern.MULTILINE);
    private static final Pattern ROW = Pattern.compile("^\\| ((?:PG|MY)-[A-Z]+-\\d\\d) \\| [^|]* \\| ([^|]*) \\|$", Pattern.MULTILINE);
    private static final Pattern RULE_LINK = Pattern.compile("\\[([a-z0-9-]+)]\\(\\1\\.md\\)");

    /** Rule id to the catalogue ids its page lists. */
    private static Map<String, Set<String>> pageIds() throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        try (Stream<Path> pages = Files.list(DOCS)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md") && !p.equals(CATALOGUE)).toList()) {
                String rule = page.getFileName().toString().replace(".md", "");
                Matcher m = PAGE_IDS.matcher(Files.readString(page, StandardCharsets.UTF_8));
                assertThat(m.find()).as("%s has a Catalogue row", page).isTrue();
                Set<String> ids = new TreeSet<>();
                for (String id : (m.group(1) != null ? m.group(1) : m.group(2)).split(",")) {
                    ids.add(id.trim());
                }
                out.put(rule, ids);
            }
        }
        return out;
    }

    /** Rule id to the catalogue rows that name it; rows without any coverage are collected in {@code uncovered}. */
    private static Map<String, Set<String>> catalogueRows(List<String> uncovered, Set<String> rowIds) throws IOException {
        Map<String, Set<String>> out = new TreeMap<>();
        Matcher row = ROW.matcher(Files.readString(CATALOGUE, StandardCharsets.UTF_8));
        while (row.find()) {
            assertThat(rowIds.add(row.group(1))).as("one row for %s", row.group(1)).isTrue();
            if (row.group(2).isBlank()) {
                uncovered.add(row.group(1));
            }
            Matcher link = RULE_LINK.matcher(row.group(2));
            while (link.find()) {
                out.computeIfAbsent(link.group(1), k -> new TreeSet<>()).add(row.group(1));
            }
        }
        return out;
    }

    @Test
    void rulePagesAndTheCatalogueTableAgree() throws IOException {
        List<String> uncovered = new ArrayList<>();
        Set<String> rowIds = new TreeSet<>();
        Map<String, Set<String>> table = catalogueRows(uncovered, rowIds);
        Map<String, Set<String>> pages = pageIds();
        assertThat(table).as("catalogue.md rows per rule, against the rule pages' Catalogue ids").isEqualTo(pages);
        assertThat(uncovered).as("catalogue rows nothing covers").isEmpty();
        assertThat(rowIds).as("the catalogue has its PostgreSQL and MySQL rows").contains("PG-IDX-01", "PG-RAW-01", "MY-DS-04")
                .hasSizeGreaterThan(80);
    }

    @Test
    void everyRulePageIsARegisteredRule() throws IOException {
        Set<String> registered = new TreeSet<>();
        RuleCatalogue.load().rules().forEach(r -> registered.add(r.info().id()));
        assertThat(registered).containsAll(pageIds().keySet());
    }
}

package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.ChangesetKind;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.ServerVersion;
import io.github.migrationdelivery.engine.plan.SourcePosition;
import io.github.migrationdelivery.engine.plan.Statement;
import io.github.migrationdelivery.engine.source.PlanReader;
import io.github.migrationdelivery.engine.sql.Splitter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lints SQL text for tests. The text may start with a settings line
 * {@code -- md:test dialect=mariadb server-version=10.11 transactional=false table-rows=orders:12000000}; a line
 * {@code -- md:changeset [transactional=false] [comment=...]} starts a new changeset, so a case
 * can create a table in one changeset and change it in the next.
 */
public final class LintFixture {

    private static final RuleCatalogue CATALOGUE = RuleCatalogue.load();

    private LintFixture() {
    }

    public static LintResult lint(String text) {
        return lint(text, Path.of("case.sql"));
    }

    public static LintResult lint(String text, Path file) {
        return new Linter(settings(text), CATALOGUE).lint(plan(text, file));
    }

    /** A Liquibase XML changelog holding {@code changeSets} ({@code <changeSet>} elements), written to {@code dir}, read for PostgreSQL. */
    public static Plan liquibase(Path dir, String changeSets) throws IOException {
        Path file = dir.resolve("changelog.xml");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
                """ + changeSets + "</databaseChangeLog>\n");
        return new PlanReader(Dialect.POSTGRESQL, null, Set.of(), Set.of()).read(List.of(file));
    }

    /** Lints a plan with its dialect's default settings and every rule. */
    public static LintResult lint(Plan plan) {
        return new Linter(LintSettings.defaults(plan.dialect()), CATALOGUE).lint(plan);
    }

    /** The settings of the text's {@code -- md:test} line (defaults without one). */
    static LintSettings settings(String text) {
        Map<String, String> settings = options(text.lines().findFirst().orElse(""), "-- md:test");
        Dialect dialect = Dialect.parse(settings.getOrDefault("dialect", "postgresql"), "dialect");
        ServerVersion version = ServerVersion.parse(settings.getOrDefault("server-version", dialect.defaultVersion().toString()));
        return new LintSettings(dialect, version, FailLevel.ERROR, Set.of(),
                Set.of(settings.getOrDefault("enable", "").split(",")).stream().filter(s -> !s.isEmpty())
                        .collect(java.util.stream.Collectors.toSet()), Map.of(), tableRows(settings));
    }

    /** {@code table-rows=orders:12000000,customers:500} and {@code large-table-rows=N}, as lint.tableRows would give them. */
    private static TableRows tableRows(Map<String, String> settings) {
        Map<String, Long> rows = new HashMap<>();
        for (String pair : settings.getOrDefault("table-rows", "").split(",")) {
            if (!pair.isEmpty()) {
                rows.put(pair.substring(0, pair.lastIndexOf(':')), Long.parseLong(pair.substring(pair.lastIndexOf(':') + 1)));
            }
        }
        return new TableRows(rows, Long.parseLong(settings.getOrDefault("large-table-rows",
                Long.toString(TableRows.DEFAULT_LARGE_TABLE_ROWS))));
    }

    /** The text as a plan, one changeset per {@code -- md:changeset} section. */
    static Plan plan(String text, Path file) {
        Map<String, String> settings = options(text.lines().findFirst().orElse(""), "-- md:test");
        Dialect dialect = Dialect.parse(settings.getOrDefault("dialect", "postgresql"), "dialect");
        boolean transactional = Boolean.parseBoolean(settings.getOrDefault("transactional", "true"));
        List<Changeset> changesets = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        StringBuilder current = new StringBuilder();
        int startLine = 1;
        Map<String, String> csOptions = Map.of();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("-- md:changeset")) {
                addChangeset(changesets, current.toString(), startLine, file, dialect, transactional, csOptions);
                csOptions = options(lines[i], "-- md:changeset");
                current.setLength(0);
                startLine = i + 2;
            } else {
                current.append(lines[i]).append('\n');
            }
        }
        addChangeset(changesets, current.toString(), startLine, file, dialect, transactional, csOptions);
        return new Plan(dialect, changesets);
    }

    /** The findings' rule ids, in order. */
    public static List<String> ruleIds(String text) {
        return lint(text).findings().stream().map(Finding::ruleId).toList();
    }

    private static void addChangeset(List<Changeset> changesets, String sql, int startLine, Path file, Dialect dialect,
                                     boolean transactional, Map<String, String> options) {
        List<Statement> statements = new ArrayList<>();
        for (Splitter.Chunk chunk : new Splitter(dialect).split(sql).chunks()) {
            statements.add(new Statement(chunk.sql(), new SourcePosition(file, startLine + chunk.line() - 1, chunk.column())));
        }
        if (statements.isEmpty() && changesets.isEmpty() && sql.isBlank()) {
            return;
        }
        boolean tx = Boolean.parseBoolean(options.getOrDefault("transactional", Boolean.toString(transactional)));
        String id = Integer.toString(changesets.size() + 1);
        changesets.add(new Changeset(id, "test", options.getOrDefault("comment", ""), ChangesetKind.LIQUIBASE,
                new SourcePosition(file, startLine, 1), tx, statements, Optional.empty(), Set.of(), Set.of(), ""));
    }

    private static Map<String, String> options(String line, String prefix) {
        Map<String, String> out = new HashMap<>();
        if (!line.startsWith(prefix)) {
            return out;
        }
        String rest = line.substring(prefix.length()).trim();
        int comment = rest.indexOf("comment=");
        if (comment >= 0) {
            out.put("comment", rest.substring(comment + "comment=".length()));
            rest = rest.substring(0, comment);
        }
        for (String part : rest.trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }
}

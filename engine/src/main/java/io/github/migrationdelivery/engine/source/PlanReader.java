package io.github.migrationdelivery.engine.source;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.ServerVersion;
import io.github.migrationdelivery.engine.plan.SourcePosition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Reads migration sources into one {@link Plan}: Liquibase changelogs (XML, YAML, JSON, formatted
 * SQL), folders of Flyway-named or plain {@code .sql} files, and single {@code .sql} files.
 *
 * <p>Liquibase is loaded only when a changelog is actually read, so that runs over plain SQL
 * start fast.
 */
public final class PlanReader {

    private final Dialect dialect;
    private final ServerVersion serverVersion;
    private final Set<String> contexts;
    private final Set<String> labels;
    private final boolean keepDuplicateVersions;

    /**
     * @param contexts Liquibase contexts to run; empty keeps every changeset
     * @param labels   Liquibase labels to run; empty keeps every changeset
     */
    public PlanReader(Dialect dialect, ServerVersion serverVersion, Set<String> contexts, Set<String> labels) {
        this(dialect, serverVersion, contexts, labels, false);
    }

    private PlanReader(Dialect dialect, ServerVersion serverVersion, Set<String> contexts, Set<String> labels,
                       boolean keepDuplicateVersions) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.serverVersion = serverVersion == null ? dialect.defaultVersion() : serverVersion;
        this.contexts = Set.copyOf(contexts);
        this.labels = Set.copyOf(labels);
        this.keepDuplicateVersions = keepDuplicateVersions;
    }

    /**
     * A reader that keeps two Flyway scripts with the same version (both, in file order) instead
     * of refusing the folder, so that {@code drift} can report the clash next to everything else.
     */
    public PlanReader keepingDuplicateVersions() {
        return new PlanReader(dialect, serverVersion, contexts, labels, true);
    }

    /**
     * The changesets of all {@code inputs}, in input order.
     *
     * @throws EngineException of kind BAD_INPUT for anything wrong with the inputs
     */
    public Plan read(List<Path> inputs) {
        if (inputs.isEmpty()) {
            throw EngineException.badInput("no migrations given: name a changelog, a .sql file or a directory");
        }
        Changelogs changelogs = new Changelogs();
        SqlScripts scripts = new SqlScripts(dialect, changelogs::read, keepDuplicateVersions);
        List<Changeset> changesets = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                changesets.addAll(scripts.readFolder(input));
            } else if (!Files.exists(input)) {
                throw EngineException.badInput(SourcePosition.of(input), "no such file or directory");
            } else if (!Files.isReadable(input)) {
                throw EngineException.badInput(SourcePosition.of(input), "file is not readable");
            } else if (isStructuredChangelog(input)) {
                changesets.addAll(changelogs.read(input));
            } else if (input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql")) {
                changesets.addAll(scripts.readFile(input));
            } else {
                throw EngineException.badInput(SourcePosition.of(input),
                        "not a migration source: expected a changelog (.xml, .yaml, .yml, .json), a .sql file or a directory");
            }
        }
        if (changesets.isEmpty()) {
            throw EngineException.badInput("no changesets found in " + inputs
                    + (contexts.isEmpty() && labels.isEmpty() ? "" : " for contexts " + contexts + " and labels " + labels));
        }
        return new Plan(dialect, changesets);
    }

    /** Flyway's order of versions: numeric part by part, so 1.2 &lt; 1.9 &lt; 1.10, and 1 equals 1.0. */
    public static Comparator<String> flywayVersionOrder() {
        return MigrationName.VERSION_ORDER;
    }

    static boolean isStructuredChangelog(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".xml") || name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    /** Opens Liquibase on first use only; one offline database serves all changelogs of a read. */
    private final class Changelogs {
        private LiquibaseChangelogReader reader;

        List<Changeset> read(Path changelog) {
            if (reader == null) {
                reader = new LiquibaseChangelogReader(dialect, serverVersion, contexts, labels);
            }
            return reader.read(changelog);
        }
    }
}

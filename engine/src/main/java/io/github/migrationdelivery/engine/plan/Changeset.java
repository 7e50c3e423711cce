package io.github.migrationdelivery.engine.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One unit of a migration plan: a Liquibase changeSet or one SQL migration file.
 *
 * @param id          Liquibase id, or the SQL file's version ("3", "2024.01.05") or file name for plain files
 * @param author      Liquibase author; empty for SQL files
 * @param description Flyway description ("add status") or the Liquibase {@code <comment>}; may be empty
 * @param position    where the changeset starts (the changeSet element, or line 1 of the file)
 * @param transactional false when {@code runInTransaction="false"}, {@code -- md:no-transaction}
 *                    or Flyway's {@code executeInTransaction=false}
 * @param statements  the SQL in execution order, generated for the plan's dialect
 * @param rollback    the way back, when defined
 * @param contexts    Liquibase contexts (empty: all)
 * @param labels      Liquibase labels (empty: all)
 * @param checksum    what the migration tool records for it: Liquibase's MD5SUM ("9:...") or
 *                    Flyway's CRC32 of the file, as a decimal int; empty when unknown
 * @param uninspectable changes that run something other than SQL ({@code <executeCommand>}), in
 *                    changelog order; not among the statements, since those are run as SQL
 */
public record Changeset(
        String id,
        String author,
        String description,
        ChangesetKind kind,
        SourcePosition position,
        boolean transactional,
        List<Statement> statements,
        Optional<Rollback> rollback,
        Set<String> contexts,
        Set<String> labels,
        String checksum,
        List<UninspectableChange> uninspectable) {

    public Changeset {
        Objects.requireNonNull(id, "id");
        author = author == null ? "" : author;
        description = description == null ? "" : description;
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(position, "position");
        statements = List.copyOf(statements);
        rollback = rollback == null ? Optional.empty() : rollback;
        contexts = Set.copyOf(contexts);
        labels = Set.copyOf(labels);
        checksum = checksum == null ? "" : checksum;
        uninspectable = uninspectable == null ? List.of() : List.copyOf(uninspectable);
    }

    /** A changeset whose every change is among its statements: SQL files, most Liquibase changesets. */
    public Changeset(String id, String author, String description, ChangesetKind kind, SourcePosition position,
                     boolean transactional, List<Statement> statements, Optional<Rollback> rollback,
                     Set<String> contexts, Set<String> labels, String checksum) {
        this(id, author, description, kind, position, transactional, statements, rollback, contexts, labels,
                checksum, List.of());
    }

    /** The name users know it by: "id::author" for Liquibase (as Liquibase prints it), the id otherwise. */
    public String displayName() {
        return author.isEmpty() ? id : id + "::" + author;
    }
}

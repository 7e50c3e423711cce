package io.github.migrationdelivery.engine.plan;

import java.util.Objects;

/**
 * A change of a changeset that does something no statement shows, so it is not among the
 * changeset's statements (which are run as SQL): a Liquibase {@code <executeCommand>}, which runs
 * an operating-system command. Kept so the linter can ask for it to be acknowledged.
 *
 * @param element  the change element, e.g. {@code executeCommand}
 * @param subject  what it runs, e.g. the executable (never its arguments, which may hold secrets)
 * @param position where the change element stands in the changelog (the changeset's position when not found)
 */
public record UninspectableChange(String element, String subject, SourcePosition position) {

    public UninspectableChange {
        Objects.requireNonNull(element, "element");
        subject = subject == null ? "" : subject;
        Objects.requireNonNull(position, "position");
    }
}

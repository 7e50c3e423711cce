package io.github.migrationdelivery.engine.plan;

import java.util.List;

/**
 * The way back for a changeset: Liquibase {@code <rollback>} (or its generated inverse), or a
 * Flyway {@code U<version>__} undo script. An empty statement list is an explicit no-op rollback.
 */
public record Rollback(List<Statement> statements, SourcePosition position) {

    public Rollback {
        statements = List.copyOf(statements);
    }
}

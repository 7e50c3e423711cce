package io.github.migrationdelivery.engine.plan;

import java.util.Objects;

/**
 * One SQL statement of a changeset, as it will be sent to the server, with the place its first
 * character has in the user's file. The text keeps the comments that stood above it, because
 * {@code -- md:allow} suppressions live there.
 */
public record Statement(String sql, SourcePosition position) {

    public Statement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(position, "position");
    }
}

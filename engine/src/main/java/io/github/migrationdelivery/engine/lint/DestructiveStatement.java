package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.Statement;
import io.github.migrationdelivery.engine.sql.StatementShape;

/**
 * A statement the classification calls destructive, with what the recogniser read from it (the
 * tables and columns it destroys are in the shape).
 *
 * @param inRollback true for a statement of the changeset's rollback, false for a forward one
 */
public record DestructiveStatement(Changeset changeset, Statement statement, StatementShape shape, boolean inRollback) {
}

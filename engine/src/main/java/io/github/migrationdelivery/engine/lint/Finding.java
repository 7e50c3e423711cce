package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.plan.SourcePosition;

import java.util.Objects;

/**
 * One rule's verdict on one statement.
 *
 * @param ruleId      the rule's id (squawk's name where the rule is the same)
 * @param position    file:line:column of the statement (or of the changeset for plan-level findings)
 * @param changeset   the changeset's display name
 * @param statement   the statement text, without leading comments
 * @param lock        the lock the statement takes and what it blocks; {@link LockImpact#NONE} when none
 * @param rewritesTable true when the statement rewrites the whole table
 * @param message     why this is a problem, in plain language
 * @param safeRewrite the concrete safe alternative as SQL (or steps); empty when there is none
 */
public record Finding(
        String ruleId,
        Severity severity,
        SourcePosition position,
        String changeset,
        String statement,
        LockImpact lock,
        boolean rewritesTable,
        String message,
        String safeRewrite) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(position, "position");
        changeset = changeset == null ? "" : changeset;
        statement = statement == null ? "" : statement;
        lock = lock == null ? LockImpact.NONE : lock;
        Objects.requireNonNull(message, "message");
        safeRewrite = safeRewrite == null ? "" : safeRewrite;
    }

    public Finding withSeverity(Severity newSeverity) {
        return new Finding(ruleId, newSeverity, position, changeset, statement, lock, rewritesTable, message, safeRewrite);
    }
}

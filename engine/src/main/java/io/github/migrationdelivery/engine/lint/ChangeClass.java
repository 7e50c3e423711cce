package io.github.migrationdelivery.engine.lint;

import java.util.Locale;

/**
 * What a change does to data, in expand/contract terms. Ordered: a changeset or plan takes the
 * most serious class of its statements.
 */
public enum ChangeClass {
    /** Adds structure; old application versions keep working. */
    ADDITIVE,
    /** Rewrites existing rows (UPDATE, data-moving DDL) without losing information. */
    BACKFILL,
    /** Can lose data or break running code: DROP, TRUNCATE, narrowing, DELETE/UPDATE without WHERE. */
    DESTRUCTIVE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public ChangeClass max(ChangeClass other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}

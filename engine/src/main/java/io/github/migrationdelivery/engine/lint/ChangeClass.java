package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.EngineException;

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

    /** {@code additive}, {@code backfill} or {@code destructive}, as {@link #id()} writes it; BAD_INPUT otherwise. */
    public static ChangeClass parse(String id, String setting) {
        for (ChangeClass c : values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        throw EngineException.badInput(setting + ": unknown risk class '" + id + "' (expected additive, backfill or destructive)");
    }

    public ChangeClass max(ChangeClass other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}

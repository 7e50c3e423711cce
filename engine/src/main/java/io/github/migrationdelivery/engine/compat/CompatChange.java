package io.github.migrationdelivery.engine.compat;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One schema change a plan makes, judged against the application version still running.
 *
 * @param kind     what changed
 * @param object   the object, named like {@code column orders.status}
 * @param breaking whether the running version can fail on it
 * @param reason   one line: before and after, and why it breaks (or why it does not)
 * @param phases   for a breaking change, the expand/contract releases that make it safe, in order
 */
public record CompatChange(Kind kind, String object, boolean breaking, String reason, List<String> phases) {

    /** Kinds of changes compat judges. */
    public enum Kind {
        DROPPED_TABLE, RENAMED_TABLE, DROPPED_COLUMN, RENAMED_COLUMN, NARROWED_TYPE, CHANGED_TYPE,
        NEW_NOT_NULL_WITHOUT_DEFAULT, SET_NOT_NULL, DROPPED_DEFAULT, REMOVED_ENUM_VALUES, DROPPED_VIEW, DROPPED_FUNCTION;

        /** The kind in reports: {@code dropped-column}, ... */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public CompatChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(object, "object");
        reason = reason == null ? "" : reason;
        phases = List.copyOf(phases);
    }

    @Override
    public String toString() {
        return (breaking ? "BREAKING " : "harmless ") + kind.id() + ": " + object + ": " + reason;
    }
}

package io.github.migrationdelivery.engine.drift;

import java.util.Locale;
import java.util.Objects;

/**
 * One disagreement between the migration files and a target's history table.
 *
 * @param kind      what is wrong
 * @param changeset the changeset as users know it ("1.0-orders::orders-team", "3")
 * @param where     the file (and line) of the changeset, or the history row's file name for one the files lack
 * @param message   one line saying what differs and what it means
 */
public record ChecksumFinding(Kind kind, String changeset, String where, String message) {

    /** Kinds of findings; {@link #failsGate()} says which make {@code drift} exit 1. */
    public enum Kind {
        /** Applied, but the file's checksum differs from the stored one: someone edited an applied changeset. */
        MODIFIED(true),
        /** Applied, stored with another Liquibase checksum version (7:, 8:) or none: cannot be compared. */
        NOT_COMPARABLE(false),
        /** Not applied while a changeset after it in the files is: a merge from another branch, out of order. */
        NOT_APPLIED(true),
        /** In the history but in none of the files. */
        UNKNOWN(true),
        /** Both applied, but in another order than the files have them. */
        APPLIED_OUT_OF_ORDER(true),
        /** Flyway recorded the migration as failed. */
        FAILED(true),
        /** Two files give the same version (Flyway) or the same id and author (Liquibase): concurrent branches. */
        DUPLICATE(true),
        /** A Flyway repeatable script changed since it was applied: the next migrate runs it again (expected). */
        RERUN_PENDING(false);

        private final boolean failsGate;

        Kind(boolean failsGate) {
            this.failsGate = failsGate;
        }

        public boolean failsGate() {
            return failsGate;
        }

        /** The kind in reports: {@code modified}, {@code not-applied}, ... */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public ChecksumFinding {
        Objects.requireNonNull(kind, "kind");
        changeset = changeset == null ? "" : changeset;
        where = where == null ? "" : where;
        message = message == null ? "" : message;
    }

    @Override
    public String toString() {
        return (where.isEmpty() ? "" : where + ": ") + kind.id() + ": " + changeset + ": " + message;
    }
}

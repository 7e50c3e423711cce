package io.github.migrationdelivery.engine.lint;

import java.util.Locale;

/** What a rule protects against; reports group by it and only LOCKING findings make a change blocking. */
public enum RuleCategory {
    /** Locks that block traffic, table rewrites and scans under a lock. */
    LOCKING,
    /** Data that can be lost: drops, truncation, unbounded DML. */
    DESTRUCTIVE,
    /** Changes that break the application version still running: renames, new constraints old code violates. */
    COMPATIBILITY,
    /** Transactions and timeouts around the change. */
    TRANSACTION,
    /** Schema design choices that cost later: types, names, keys. */
    DESIGN,
    /** Server-specific hazards and changes that belong to another process: versions with bugs, privileges. */
    OPERATIONS,
    /** The linter's own checks: unparsed statements, suppressions. */
    META;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

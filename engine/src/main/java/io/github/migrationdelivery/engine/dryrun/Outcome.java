package io.github.migrationdelivery.engine.dryrun;

import java.util.Locale;

/** How a statement, changeset or the whole dry-run ended. */
public enum Outcome {
    APPLIED,
    /** The server refused it; the report says why and where. */
    FAILED,
    /** Not run: an earlier statement failed or the budget stopped the run. */
    SKIPPED,
    /** Run, then rolled back because it exceeded the lock budget. */
    STOPPED_BY_BUDGET;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.github.migrationdelivery.engine.compat;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Compat} found.
 *
 * @param before  where the schema before the plan came from (no secrets)
 * @param pending the changesets compared: those not yet applied there, as users know them
 * @param changes every change the running version could notice, breaking and harmless
 */
public record CompatReport(String before, List<String> pending, List<CompatChange> changes) {

    public CompatReport {
        Objects.requireNonNull(before, "before");
        pending = List.copyOf(pending);
        changes = List.copyOf(changes);
    }

    /** The changes that break the running version. */
    public List<CompatChange> breaking() {
        return changes.stream().filter(CompatChange::breaking).toList();
    }
}

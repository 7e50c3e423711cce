package io.github.migrationdelivery.engine.migrate;

import java.util.List;

/**
 * A completed migration.
 *
 * @param alreadyApplied changesets the target's history already held, by display name, in plan order
 * @param applied        changesets this run applied, in order
 * @param retries        lock-timeout retries it took in all
 */
public record MigrationResult(String target, List<String> alreadyApplied, List<String> applied, int retries, long durationMs) {

    public MigrationResult {
        alreadyApplied = List.copyOf(alreadyApplied);
        applied = List.copyOf(applied);
    }

    public int total() {
        return alreadyApplied.size() + applied.size();
    }
}

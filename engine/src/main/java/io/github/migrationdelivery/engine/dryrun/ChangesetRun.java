package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.plan.SourcePosition;

import java.util.List;

/** One changeset's run on the snapshot. */
public record ChangesetRun(String id, String name, SourcePosition position, boolean transactional, Outcome outcome,
                           long durationMs, List<StatementRun> statements) {

    public ChangesetRun {
        statements = List.copyOf(statements);
    }
}

package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.plan.Changeset;

import java.util.List;

/**
 * A changeset's classification and findings.
 *
 * @param blocking true when a statement takes a lock that blocks writes (or reads) on a table
 *                 that existed before the plan
 */
public record ChangesetVerdict(Changeset changeset, ChangeClass changeClass, boolean blocking, List<Finding> findings) {

    public ChangesetVerdict {
        findings = List.copyOf(findings);
    }
}

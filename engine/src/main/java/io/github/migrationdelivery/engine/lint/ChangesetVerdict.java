package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.plan.Changeset;

import java.util.List;

/**
 * A changeset's classification and findings.
 *
 * @param blocking   true when a statement holds a lock that blocks writes (or reads) on a table
 *                   that existed before the plan for longer than a catalog update (an error-level
 *                   lock finding, before suppressions)
 * @param suppressed findings an {@code md:allow} comment suppressed, with the reason given
 */
public record ChangesetVerdict(Changeset changeset, ChangeClass changeClass, boolean blocking, List<Finding> findings,
                               List<Suppression> suppressed) {

    public ChangesetVerdict {
        findings = List.copyOf(findings);
        suppressed = List.copyOf(suppressed);
    }
}

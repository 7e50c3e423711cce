package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.Statement;

/**
 * Progress of a dry-run, for a console or a build log. Called on the thread that runs the plan;
 * every method does nothing unless overridden.
 */
public interface DryRunListener {

    DryRunListener NONE = new DryRunListener() {
    };

    /** @param index 1-based position of the changeset in the plan; {@code total} changesets in all */
    default void changesetStarted(int index, int total, Changeset changeset) {
    }

    /** @param index 1-based position of the statement in its changeset */
    default void statementStarted(Changeset changeset, int index, Statement statement) {
    }

    /**
     * The statement's final figures. For a transactional changeset they are final only at its
     * commit (locks are held until then), so this is called for each of its statements then.
     */
    default void statementFinished(Changeset changeset, StatementRun run) {
    }
}

package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;

import java.util.List;
import java.util.Optional;

/**
 * The measured result of applying a plan to a snapshot: the JSON report later gates, the
 * lock budget and the Jenkins plugin read.
 *
 * @param serverVersion   the snapshot server's version as it reports it
 * @param snapshot        the snapshot's description, without secrets
 * @param probeIntervalMs how often probes and samplers looked (the resolution of sampled figures)
 * @param failure         why the run stopped, when it did; empty otherwise
 */
public record DryRunReport(
        Dialect dialect,
        String serverVersion,
        String snapshot,
        long totalMs,
        int probeIntervalMs,
        Outcome outcome,
        String failure,
        List<ChangesetRun> changesets,
        RollbackRehearsal rollback) {

    public static final String SCHEMA_VERSION = "1";

    /** How {@link #failure()} begins when a statement waited too long for a lock another session holds. */
    public static final String LOCK_TIMEOUT_PREFIX = "lock timeout:";

    public DryRunReport {
        changesets = List.copyOf(changesets);
        failure = failure == null ? "" : failure;
    }

    /**
     * The kind of error the run ended with, for the exit code: LOCK_TIMEOUT when another session
     * held a lock the plan needed, DATABASE when a statement failed; empty unless FAILED. Derived
     * from {@link #failure()}, so a report read back from JSON gives the same answer.
     */
    public Optional<EngineException.Kind> failureKind() {
        if (outcome != Outcome.FAILED) {
            return Optional.empty();
        }
        return Optional.of(failure.startsWith(LOCK_TIMEOUT_PREFIX) ? EngineException.Kind.LOCK_TIMEOUT
                : EngineException.Kind.DATABASE);
    }

    /** Every statement run, in order. */
    public List<StatementRun> statements() {
        return changesets.stream().flatMap(c -> c.statements().stream()).toList();
    }
}

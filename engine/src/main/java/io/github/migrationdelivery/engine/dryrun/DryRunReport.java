package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.plan.Dialect;

import java.util.List;

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

    public DryRunReport {
        changesets = List.copyOf(changesets);
        failure = failure == null ? "" : failure;
    }

    /** Every statement run, in order. */
    public List<StatementRun> statements() {
        return changesets.stream().flatMap(c -> c.statements().stream()).toList();
    }
}

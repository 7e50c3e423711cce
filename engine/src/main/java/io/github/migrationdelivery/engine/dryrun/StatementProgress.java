package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.plan.Statement;
import io.github.migrationdelivery.engine.sql.SqlText;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A statement's figures while its changeset is still open: locks held by a statement inside a
 * transaction last until the commit, so the hold times and probe figures are final only then.
 */
final class StatementProgress {

    final int index;
    final Statement statement;
    final List<String> tables;
    final long startNs;
    long endNs;
    Outcome outcome = Outcome.APPLIED;
    long rows;
    List<LockHeld> locks = List.of();
    String strongest = "none";
    boolean blocksReads;
    boolean blocksWrites;
    List<String> rewritten = List.of();
    String lockCapture = "";
    String onlineDdl = "";
    String error = "";
    Probes.Watch watch;
    /** Sampled statements: how long blocking locks were seen; -1 when the hold runs to the transaction's end. */
    long sampledReadBlockingMs = -1;
    long sampledWriteBlockingMs = -1;

    StatementProgress(int index, Statement statement, List<String> tables, long startNs) {
        this.index = index;
        this.statement = statement;
        this.tables = List.copyOf(tables);
        this.startNs = startNs;
    }

    long writeBlockingHeldMs(long transactionEndNs) {
        return held(blocksWrites, sampledWriteBlockingMs, transactionEndNs);
    }

    long readBlockingHeldMs(long transactionEndNs) {
        return held(blocksReads, sampledReadBlockingMs, transactionEndNs);
    }

    private long held(boolean blocks, long sampledMs, long transactionEndNs) {
        if (!blocks) {
            return 0;
        }
        long toEnd = TimeUnit.NANOSECONDS.toMillis(transactionEndNs - startNs);
        return sampledMs >= 0 ? Math.min(sampledMs, toEnd) : toEnd;
    }

    StatementRun toRun(long runStartNs, long transactionEndNs) {
        return new StatementRun(index, statement.position(), SqlText.excerpt(statement.sql(), 400), outcome,
                TimeUnit.NANOSECONDS.toMillis(startNs - runStartNs), TimeUnit.NANOSECONDS.toMillis(endNs - startNs), rows,
                locks, strongest, blocksReads, blocksWrites, rewritten, writeBlockingHeldMs(transactionEndNs),
                readBlockingHeldMs(transactionEndNs), watch == null ? 0 : watch.maxReadBlockedMs(),
                watch == null ? 0 : watch.maxWriteBlockedMs(), lockCapture, onlineDdl, error);
    }

    /** A statement never run. */
    static StatementRun skipped(int index, Statement statement) {
        return new StatementRun(index, statement.position(), SqlText.excerpt(statement.sql(), 400), Outcome.SKIPPED, 0, 0, 0, List.of(), "none",
                false, false, List.of(), 0, 0, 0, 0, "", "", "");
    }
}

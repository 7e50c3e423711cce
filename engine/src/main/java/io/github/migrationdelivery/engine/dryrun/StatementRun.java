package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.plan.SourcePosition;

import java.util.List;

/**
 * What one statement measurably did on the snapshot.
 *
 * @param startedAtMs            when it started, in ms since the dry-run began (for the timeline)
 * @param locks                  the table locks it held (own backend's {@code pg_locks} inside a
 *                               transaction; sampled from a second connection outside one)
 * @param strongestLock          the strongest of them, named as the server names it; "none" when none
 * @param rewrittenTables        tables whose storage was replaced ({@code pg_class.relfilenode} changed)
 * @param writeBlockingHeldMs    how long a lock that blocks writes on an existing table was held:
 *                               from the statement's start to its transaction's end
 * @param readBlockingHeldMs     the same for a lock that blocks reads
 * @param maxReadBlockedMs       the longest a probe's single-row read waited while the statement ran
 * @param maxWriteBlockedMs      the longest a probe's single-row write waited while the statement ran
 * @param lockCapture            how locks were captured: {@code own-backend}, or {@code sampled every N ms}
 * @param onlineDdl              MariaDB/MySQL: the ALTER algorithm the server accepted (INSTANT,
 *                               INPLACE, COPY); empty otherwise
 * @param error                  the server's message when the statement failed; empty otherwise
 */
public record StatementRun(
        int index,
        SourcePosition position,
        String statement,
        Outcome outcome,
        long startedAtMs,
        long durationMs,
        long rowsAffected,
        List<LockHeld> locks,
        String strongestLock,
        boolean blocksReads,
        boolean blocksWrites,
        List<String> rewrittenTables,
        long writeBlockingHeldMs,
        long readBlockingHeldMs,
        long maxReadBlockedMs,
        long maxWriteBlockedMs,
        String lockCapture,
        String onlineDdl,
        String error) {

    public StatementRun {
        locks = List.copyOf(locks);
        rewrittenTables = List.copyOf(rewrittenTables);
        strongestLock = strongestLock == null || strongestLock.isEmpty() ? "none" : strongestLock;
        lockCapture = lockCapture == null ? "" : lockCapture;
        onlineDdl = onlineDdl == null ? "" : onlineDdl;
        error = error == null ? "" : error;
    }

    /** The longest either kind of probe waited. */
    public long maxBlockedMs() {
        return Math.max(maxReadBlockedMs, maxWriteBlockedMs);
    }
}

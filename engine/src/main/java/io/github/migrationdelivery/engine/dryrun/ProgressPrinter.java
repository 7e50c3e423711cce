package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.Statement;
import io.github.migrationdelivery.engine.sql.SqlText;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Dry-run progress as plain lines (standard error in the CLI, the build log in Jenkins), one per
 * statement, so a CI log shows where a run is without a terminal:
 * {@code [2/8] 2.0-customer-status-check::orders-team  ALTER TABLE customers ADD CONSTRAINT ...  (3 ms)}.
 * A statement still running after {@link #HEARTBEAT_SECONDS} gets a "still running" line, so a long
 * index build does not look like a hang.
 */
public final class ProgressPrinter implements DryRunListener, AutoCloseable {

    static final int HEARTBEAT_SECONDS = 10;
    private static final int STATEMENT_WIDTH = 60;

    private final PrintWriter err;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "md-progress");
        t.setDaemon(true);
        return t;
    });
    private int index;
    private int total;
    private ScheduledFuture<?> heartbeat;

    public ProgressPrinter(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void changesetStarted(int index, int total, Changeset changeset) {
        this.index = index;
        this.total = total;
    }

    @Override
    public synchronized void statementStarted(Changeset changeset, int statementIndex, Statement statement) {
        cancelHeartbeat();
        long started = System.nanoTime();
        String prefix = prefix(changeset, statement.sql());
        heartbeat = clock.scheduleAtFixedRate(() -> line(prefix + "  still running ("
                        + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s)"),
                HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void statementFinished(Changeset changeset, StatementRun run) {
        cancelHeartbeat();
        String outcome = switch (run.outcome()) {
            case APPLIED -> "";
            case FAILED -> " FAILED";
            case SKIPPED -> " skipped";
            case STOPPED_BY_BUDGET -> " stopped by budget";
        };
        line(prefix(changeset, run.statement()) + "  (" + run.durationMs() + " ms" + outcome + ")");
    }

    private String prefix(Changeset changeset, String sql) {
        return "[" + index + "/" + total + "] " + changeset.displayName() + "  " + statementLine(sql);
    }

    private synchronized void line(String text) {
        err.println(text);
        err.flush();
    }

    private void cancelHeartbeat() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
            heartbeat = null;
        }
    }

    /** The statement without the comments above it, whitespace folded, cut to fit a log line. */
    public static String statementLine(String sql) {
        return SqlText.excerpt(sql, STATEMENT_WIDTH);
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}

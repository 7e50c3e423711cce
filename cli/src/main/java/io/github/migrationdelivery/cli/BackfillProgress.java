package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.backfill.BackfillListener;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Backfill progress on standard error: on a terminal a bar redrawn in place (rows done, left,
 * rate, ETA); in CI logs a plain line every interval, since a log cannot redraw. Pauses, resumes
 * and retried timeouts always get a line of their own.
 */
final class BackfillProgress implements BackfillListener, AutoCloseable {

    enum Mode {
        BAR, LINES, NONE;

        static Mode of(String option, boolean terminal, Map<String, String> environment) {
            return switch (option.toLowerCase(Locale.ROOT)) {
                case "bar" -> BAR;
                case "lines" -> LINES;
                case "none" -> NONE;
                case "auto" -> terminal && !"true".equalsIgnoreCase(environment.get("CI")) ? BAR : LINES;
                default -> throw EngineException.badInput("--progress " + option + ": expected auto, bar, lines or none");
            };
        }
    }

    private static final int BAR_WIDTH = 30;

    private final Mode mode;
    private final PrintWriter err;
    private final long intervalNs;
    private long lastLineNs = System.nanoTime();
    private boolean barShown;
    private String id = "";

    BackfillProgress(Mode mode, PrintWriter err, Duration interval) {
        this.mode = mode;
        this.err = err;
        this.intervalNs = interval.toNanos();
    }

    @Override
    public void started(Start s) {
        id = s.id();
        String resumed = s.resumed().batches() == 0 ? "" : ", resuming after " + count(s.resumed().rowsDone()) + " rows done";
        line("backfill " + s.id() + ": " + s.table() + " by " + s.key() + ", ~" + (s.rowEstimate() < 0 ? "?" : count(s.rowEstimate()))
                + " rows" + resumed + "; throttles: " + s.throttles());
    }

    @Override
    public void batch(Progress p) {
        if (mode == Mode.BAR) {
            String pct = p.rowEstimate() > 0 ? String.format(Locale.ROOT, "%3d%%", Math.min(100, p.rowsWalked() * 100 / p.rowEstimate())) : "  ?%";
            int filled = p.rowEstimate() > 0 ? (int) Math.min(BAR_WIDTH, p.rowsWalked() * BAR_WIDTH / p.rowEstimate()) : 0;
            err.print("\r[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + pct + " " + figures(p) + "\033[K");
            err.flush();
            barShown = true;
        } else if (mode == Mode.LINES && System.nanoTime() - lastLineNs >= intervalNs) {
            line("backfill " + id + ": " + figures(p) + ", batch " + count(p.walked()) + " rows in " + p.millis() + " ms");
        }
    }

    /** {@code 900,000 rows done, 1,100,000 left, 60,000 rows/s, ETA 18 s}. */
    static String figures(Progress p) {
        long left = p.remaining();
        double rate = p.rate();
        String eta = left < 0 || rate <= 0 ? "?" : duration((long) (left / rate * 1000));
        return count(p.rowsDone()) + " rows done, " + (left < 0 ? "?" : count(left)) + " left, "
                + count((long) rate) + " rows/s, ETA " + eta;
    }

    @Override
    public void paused(String reason, boolean failedCheck) {
        line((failedCheck ? "warning: backfill " + id + " paused, a check failed: " : "backfill " + id + " paused: ") + reason);
    }

    @Override
    public void resumed(Duration pausedFor) {
        if (pausedFor.toMillis() >= 1000) {
            line("backfill " + id + " resumed after " + duration(pausedFor.toMillis()));
        }
    }

    @Override
    public void warning(String message) {
        line("warning: backfill " + id + ": " + message);
    }

    private void line(String text) {
        if (mode == Mode.NONE) {
            return;
        }
        if (barShown) {
            err.print("\r\033[K");
            barShown = false;
        }
        err.println(text);
        err.flush();
        lastLineNs = System.nanoTime();
    }

    @Override
    public void close() {
        if (barShown) {
            err.println();
            err.flush();
        }
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String duration(long ms) {
        long s = ms / 1000;
        return s < 60 ? s + " s" : s < 3600 ? s / 60 + " min " + s % 60 + " s" : s / 3600 + " h " + s % 3600 / 60 + " min";
    }
}

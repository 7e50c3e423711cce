package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.budget.Breach;
import io.github.migrationdelivery.engine.budget.LockBudget;
import io.github.migrationdelivery.engine.lint.LintResult;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.SourcePosition;
import io.github.migrationdelivery.engine.report.DryRunHtml;
import io.github.migrationdelivery.engine.report.DryRunJson;
import io.github.migrationdelivery.engine.report.ToolInfo;
import io.github.migrationdelivery.engine.snapshot.Snapshot;
import io.github.migrationdelivery.engine.snapshot.SnapshotOptions;
import io.github.migrationdelivery.engine.snapshot.SnapshotProvider;
import io.github.migrationdelivery.engine.snapshot.Snapshots;
import io.github.migrationdelivery.engine.sql.Splitter;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One dry-run as the CLI's commands and the Jenkins step run it: open the snapshot, seed it, apply the plan with progress on
 * standard error, and drop the snapshot whatever happens (try-with-resources; the providers also
 * drop on Ctrl-C). Then the report files, which are written also for a failed run, because that
 * is when they are read.
 */
public final class SnapshotDryRun {

    private SnapshotDryRun() {
    }

    public static DryRunReport run(String snapshotUri, Plan plan, SnapshotOptions options, DryRunSettings settings,
                            Optional<Path> seed, PrintWriter err) {
        SnapshotProvider provider = Snapshots.provider(snapshotUri, plan.dialect(), options);
        long opening = System.nanoTime();
        try (Snapshot snapshot = provider.open(); ProgressPrinter progress = new ProgressPrinter(err)) {
            err.println("snapshot: " + snapshot.description() + " (" + millisSince(opening) + " ms)");
            err.flush();
            if (seed.isPresent()) {
                seed(seed.get(), snapshot, plan.dialect(), err);
            }
            err.println("dry-run: " + plan.changesets().size() + " changesets, " + plan.statementCount() + " statements");
            err.flush();
            return new DryRun(settings).run(plan, snapshot.connection(), progress);
        } finally {
            err.flush();
        }
    }

    /** The one-line outcome: what ran, the longest write-blocking lock and blocked probe, the rehearsal. */
    public static String summary(DryRunReport r) {
        long write = r.statements().stream().mapToLong(s -> s.writeBlockingHeldMs()).max().orElse(0);
        long blocked = r.statements().stream().mapToLong(s -> s.maxBlockedMs()).max().orElse(0);
        RollbackRehearsal rb = r.rollback();
        return "dry-run: " + r.outcome().id().replace('_', ' ') + ", " + r.changesets().size() + " changesets, "
                + r.statements().size() + " statements in " + ms(r.totalMs())
                + "; longest write-blocking lock " + ms(write) + ", longest blocked probe "
                + ms(blocked) + "; rollback rehearsal " + (rb == null ? "skipped" : rb.status().id())
                + (r.snapshot().isEmpty() ? "" : " on " + r.snapshot());
    }

    /** Runs a SQL script into the fresh snapshot, statement by statement, as the migration user would. */
    public static void seed(Path file, Snapshot snapshot, Dialect dialect, PrintWriter err) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw EngineException.badInput(SourcePosition.of(file), "--seed: file not found");
        } catch (IOException e) {
            throw EngineException.badInput(SourcePosition.of(file), "--seed: cannot read: " + e.getMessage());
        }
        Splitter.Result split = new Splitter(dialect).split(text);
        if (split.unterminated()) {
            throw EngineException.badInput(new SourcePosition(file, split.unterminatedLine(), split.unterminatedColumn()),
                    "--seed: unterminated quote or comment");
        }
        long start = System.nanoTime();
        var spec = snapshot.connection();
        int count = 0;
        try (Connection c = spec.open();
             Statement s = c.createStatement()) {
            for (Splitter.Chunk chunk : split.chunks()) {
                if (chunk.sql().isBlank()) {
                    continue;
                }
                try {
                    s.execute(chunk.sql());
                    count++;
                } catch (SQLException e) {
                    throw EngineException.badInput(new SourcePosition(file, chunk.line(), chunk.column()),
                            "--seed: " + firstLine(e.getMessage()));
                }
            }
        } catch (SQLException e) {
            throw new EngineException(EngineException.Kind.DATABASE, "--seed: cannot connect to the snapshot "
                    + spec.redacted() + ": " + firstLine(e.getMessage()), null, e);
        }
        err.println("seed: " + file + ": " + count + " statements (" + millisSince(start) + " ms)");
        err.flush();
    }

    public static DryRunJson.Document document(DryRunReport report, Optional<DryRunJson.BudgetVerdict> budget,
                                        Optional<LintResult> lint) {
        return new DryRunJson.Document(report, ToolInfo.current().version(), budget, lint.map(DryRunJson.LintSummary::of));
    }

    /** Writes the report files asked for; lines naming them go to {@code out}. */
    public static void writeReports(DryRunJson.Document doc, Path json, Path html, PrintWriter out) {
        if (json != null) {
            DryRunJson.write(doc, json);
            out.println("report: " + json);
        }
        if (html != null) {
            DryRunHtml.write(doc, html);
            out.println("html report: " + html);
        }
    }

    /** {@code write-blocking lock ≤ 200 ms, total ≤ 600000 ms, own budget for orders}. */
    public static String limits(LockBudget b) {
        StringBuilder s = new StringBuilder();
        b.maxWriteBlockingMs().ifPresent(v -> s.append(", write-blocking lock <= ").append(v).append(" ms"));
        b.maxReadBlockingMs().ifPresent(v -> s.append(", read-blocking lock <= ").append(v).append(" ms"));
        b.maxBlockedMs().ifPresent(v -> s.append(", blocked traffic <= ").append(v).append(" ms"));
        b.maxStatementMs().ifPresent(v -> s.append(", statement <= ").append(v).append(" ms"));
        b.maxTotalMs().ifPresent(v -> s.append(", total <= ").append(v).append(" ms"));
        b.perTable().keySet().stream().sorted().forEach(t -> s.append(", own budget for ").append(t));
        return s.length() == 0 ? "no limits" : s.substring(2);
    }

    /** Each breach on one line, then why and the safe rewrite once per statement, indented. */
    public static void printBreaches(List<Breach> breaches, PrintWriter out) {
        for (int i = 0; i < breaches.size(); i++) {
            Breach b = breaches.get(i);
            out.println(b.position() + ": " + b.metric() + " " + b.measuredMs() + " ms > " + b.limitMs() + " ms"
                    + (b.ruleId().isEmpty() ? "" : " [" + b.ruleId() + "]")
                    + (b.statement().isEmpty() ? "" : ": " + ProgressPrinter.statementLine(b.statement())));
            boolean lastOfStatement = i + 1 == breaches.size()
                    || !breaches.get(i + 1).position().equals(b.position());
            if (lastOfStatement) {
                if (!b.why().isEmpty()) {
                    out.println("    why: " + b.why());
                }
                if (!b.safeRewrite().isEmpty()) {
                    out.println("    fix:");
                    for (String line : b.safeRewrite().strip().split("\n")) {
                        out.println("        " + line);
                    }
                }
            }
        }
    }

    public static String ms(long ms) {
        return ms >= 10_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0) : ms + " ms";
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

package io.github.migrationdelivery.engine.budget;

import io.github.migrationdelivery.engine.dryrun.ChangesetRun;
import io.github.migrationdelivery.engine.dryrun.DryRunReport;
import io.github.migrationdelivery.engine.dryrun.LockHeld;
import io.github.migrationdelivery.engine.dryrun.Outcome;
import io.github.migrationdelivery.engine.dryrun.StatementRun;
import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.LintResult;
import io.github.migrationdelivery.engine.plan.SourcePosition;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Holds a measured dry-run against a lock budget. Each breach names the statement, the figure
 * and the limit, and, when the linter flagged the same statement, the rule that explains the
 * figure and its safe rewrite: the measurement says how bad, the rule says why and what instead.
 */
public final class BudgetCheck {

    private BudgetCheck() {
    }

    /** One per-statement limit: how it is named, where the budget keeps it, what the run measured. */
    private record Metric(String id, Function<LockBudget, OptionalLong> limit, ToLongFunction<StatementRun> measured) {
    }

    private static final List<Metric> STATEMENT_METRICS = List.of(
            new Metric(Breach.WRITE_BLOCKING_LOCK, LockBudget::maxWriteBlockingMs, StatementRun::writeBlockingHeldMs),
            new Metric(Breach.READ_BLOCKING_LOCK, LockBudget::maxReadBlockingMs, StatementRun::readBlockingHeldMs),
            new Metric(Breach.BLOCKED_TRAFFIC, LockBudget::maxBlockedMs, StatementRun::maxBlockedMs),
            new Metric(Breach.STATEMENT_DURATION, LockBudget::maxStatementMs, StatementRun::durationMs));

    public static List<Breach> evaluate(DryRunReport report, LockBudget budget, Optional<LintResult> lint) {
        return evaluate(report, budget, lint.map(LintResult::findings).orElse(List.of()));
    }

    /** The same, with lint findings read back from a report rather than a fresh lint run. */
    public static List<Breach> evaluate(DryRunReport report, LockBudget budget, List<Finding> findings) {
        List<Breach> breaches = new ArrayList<>();
        for (ChangesetRun changeset : report.changesets()) {
            for (StatementRun run : changeset.statements()) {
                // Skipped and failed statements measured nothing a budget could hold them to.
                if (run.outcome() != Outcome.APPLIED && run.outcome() != Outcome.STOPPED_BY_BUDGET) {
                    continue;
                }
                Set<String> tables = tables(run);
                for (Metric metric : STATEMENT_METRICS) {
                    OptionalLong limit = limit(budget, tables, metric.limit());
                    long measured = metric.measured().applyAsLong(run);
                    if (limit.isPresent() && measured > limit.getAsLong()) {
                        Optional<Finding> why = explanation(run, metric.id(), findings);
                        breaches.add(new Breach(changeset.name(), run.position(), run.statement(), metric.id(),
                                measured, limit.getAsLong(),
                                why.map(Finding::ruleId).orElse(""), why.map(Finding::safeRewrite).orElse(""),
                                why.map(Finding::message).orElse("")));
                    }
                }
            }
        }
        if (budget.maxTotalMs().isPresent() && report.totalMs() > budget.maxTotalMs().getAsLong()) {
            SourcePosition where = report.changesets().isEmpty() ? SourcePosition.of(Path.of("plan"))
                    : SourcePosition.of(report.changesets().get(0).position().file());
            breaches.add(new Breach("", where, "", Breach.TOTAL_DURATION, report.totalMs(),
                    budget.maxTotalMs().getAsLong(), "", ""));
        }
        return List.copyOf(breaches);
    }

    /** The tables a statement touched: those it locked and those it rewrote, by bare lower-case name. */
    static Set<String> tables(StatementRun run) {
        Set<String> tables = new LinkedHashSet<>();
        for (LockHeld lock : run.locks()) {
            tables.add(LockBudget.tableKey(lock.relation()));
        }
        for (String t : run.rewrittenTables()) {
            tables.add(LockBudget.tableKey(t));
        }
        return tables;
    }

    /**
     * The limit for a statement: the strictest per-table limit among the tables it touched that
     * set one, else the default.
     */
    static OptionalLong limit(LockBudget budget, Set<String> tables, Function<LockBudget, OptionalLong> metric) {
        OptionalLong strictest = OptionalLong.empty();
        for (String table : tables) {
            LockBudget own = budget.perTable().get(table);
            OptionalLong l = own == null ? OptionalLong.empty() : metric.apply(own);
            if (l.isPresent() && (strictest.isEmpty() || l.getAsLong() < strictest.getAsLong())) {
                strictest = l;
            }
        }
        return strictest.isPresent() ? strictest : metric.apply(budget);
    }

    /**
     * The lint finding on the same file and line that best explains the metric: one whose
     * predicted lock blocks what was measured, then the most severe, then one with a rewrite.
     */
    static Optional<Finding> explanation(StatementRun run, String metric, List<Finding> findings) {
        Path file = normal(run.position().file());
        Comparator<Finding> best = Comparator
                .comparing((Finding f) -> explains(f, metric))
                .thenComparing(Finding::severity)
                .thenComparing(f -> !f.safeRewrite().isEmpty());
        return findings.stream()
                .filter(f -> f.position().line() == run.position().line() && normal(f.position().file()).equals(file))
                .max(best);
    }

    private static boolean explains(Finding f, String metric) {
        switch (metric) {
            case Breach.WRITE_BLOCKING_LOCK:
                return f.lock().blocksWrites();
            case Breach.READ_BLOCKING_LOCK:
                return f.lock().blocksReads();
            default:
                return f.lock().blocksTraffic() || f.rewritesTable();
        }
    }

    private static Path normal(Path p) {
        return p.toAbsolutePath().normalize();
    }
}

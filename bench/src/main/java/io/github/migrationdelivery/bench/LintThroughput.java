package io.github.migrationdelivery.bench;

import io.github.migrationdelivery.engine.lint.LintResult;
import io.github.migrationdelivery.engine.lint.LintSettings;
import io.github.migrationdelivery.engine.lint.Linter;
import io.github.migrationdelivery.engine.lint.RuleCatalogue;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.ServerVersion;
import io.github.migrationdelivery.engine.source.PlanReader;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * Lint throughput in-process: reads a corpus once, lints it repeatedly, and prints statements per
 * second of wall time and per second of CPU time, first with all cores, then on one thread (the
 * per-core figure, whatever the machine's core count). Usage: {@code LintThroughput <corpus-dir> [dialect] [rounds]}.
 */
public final class LintThroughput {

    private LintThroughput() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: LintThroughput <corpus-dir> [postgresql|mariadb|mysql] [rounds]");
            System.exit(2);
        }
        Path corpus = Path.of(args[0]);
        Dialect dialect = Dialect.parse(args.length > 1 ? args[1] : "postgresql", "dialect");
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 15; // fewer leave the first figure with C2 still compiling
        ServerVersion version = dialect.defaultVersion();

        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        Plan plan = new PlanReader(dialect, version, Set.of(), Set.of()).read(List.of(corpus));
        long readNanos = System.nanoTime() - t0;
        long readCpu = cpuNanos() - cpu0;
        int statements = plan.statementCount();
        System.out.printf("corpus: %s, %d changesets, %d statements%n", corpus, plan.changesets().size(), statements);
        System.out.printf("read (first, cold): %.0f ms wall, %.0f ms CPU%n", readNanos / 1e6, readCpu / 1e6);

        Linter linter = new Linter(LintSettings.defaults(dialect), RuleCatalogue.load());
        measure("all cores", rounds, statements, () -> linter.lint(plan));
        // The linter's parallel streams run in the pool of the thread that starts them: a pool of
        // one thread lints on one core, which is what the goal is stated for.
        ForkJoinPool oneThread = new ForkJoinPool(1);
        try {
            measure("one thread", rounds, statements, () -> oneThread.submit(() -> linter.lint(plan)).join());
        } finally {
            oneThread.shutdown();
        }
    }

    private static void measure(String label, int rounds, int statements, Supplier<LintResult> lint) {
        double[] wallRates = new double[rounds];
        double[] cpuRates = new double[rounds];
        long findings = 0;
        // As many warm-up rounds as timed ones: with fewer, C2 is still compiling in the timed rounds.
        for (int warm = 0; warm < rounds; warm++) {
            findings = lint.get().findings().size();
        }
        for (int r = 0; r < rounds; r++) {
            long c = cpuNanos();
            long t = System.nanoTime();
            LintResult result = lint.get();
            long wall = System.nanoTime() - t;
            long cpu = cpuNanos() - c;
            findings = result.findings().size();
            wallRates[r] = statements / (wall / 1e9);
            cpuRates[r] = statements / (cpu / 1e9);
        }
        Arrays.sort(wallRates);
        Arrays.sort(cpuRates);
        System.out.printf("lint, %s (warm, median of %d): %,.0f statements/s wall (%d cores), %,.0f statements per CPU-second; %d findings%n",
                label, rounds, wallRates[rounds / 2], Runtime.getRuntime().availableProcessors(), cpuRates[rounds / 2], findings);
    }

    /** CPU time of the whole process (all threads), so parallel work is not counted as free. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}

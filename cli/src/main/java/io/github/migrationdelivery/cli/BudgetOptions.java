package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.budget.LockBudget;
import picocli.CommandLine.Option;

/** The lock budget flags shared by {@code assert-lock-budget} and {@code check}; each wins over the config file. */
final class BudgetOptions {

    @Option(names = "--max-exclusive-ms", paramLabel = "MS",
            description = "Longest a lock that blocks writes may be held (default: config budget.maxWriteBlockingMs, else 200).")
    Long maxExclusiveMs;

    @Option(names = "--max-read-block-ms", paramLabel = "MS", description = "Longest a lock that blocks reads may be held.")
    Long maxReadBlockMs;

    @Option(names = "--max-blocked-ms", paramLabel = "MS", description = "Longest a probe's read or write may wait.")
    Long maxBlockedMs;

    @Option(names = "--max-statement-ms", paramLabel = "MS", description = "Longest a statement may run.")
    Long maxStatementMs;

    @Option(names = "--max-total-ms", paramLabel = "MS", description = "Longest the whole migration may run.")
    Long maxTotalMs;

    /** The budget in force: defaults, then the config file's {@code budget:}, then these flags. */
    LockBudget budget(LockBudget fromConfig) {
        LockBudget flags = LockBudget.none();
        if (maxExclusiveMs != null) {
            flags = flags.withMaxWriteBlockingMs(nonNegative(maxExclusiveMs, "--max-exclusive-ms"));
        }
        if (maxReadBlockMs != null) {
            flags = flags.withMaxReadBlockingMs(nonNegative(maxReadBlockMs, "--max-read-block-ms"));
        }
        if (maxBlockedMs != null) {
            flags = flags.withMaxBlockedMs(nonNegative(maxBlockedMs, "--max-blocked-ms"));
        }
        if (maxStatementMs != null) {
            flags = flags.withMaxStatementMs(nonNegative(maxStatementMs, "--max-statement-ms"));
        }
        if (maxTotalMs != null) {
            flags = flags.withMaxTotalMs(nonNegative(maxTotalMs, "--max-total-ms"));
        }
        return LockBudget.defaults().overriddenBy(fromConfig).overriddenBy(flags);
    }

    static long nonNegative(long value, String option) {
        if (value < 0) {
            throw io.github.migrationdelivery.engine.EngineException.badInput(option + ": must be 0 or more (got " + value + ")");
        }
        return value;
    }
}

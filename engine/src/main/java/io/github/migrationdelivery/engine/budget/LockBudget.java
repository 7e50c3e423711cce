package io.github.migrationdelivery.engine.budget;

import java.util.Map;
import java.util.OptionalLong;

/**
 * How much disruption a migration may cause, per statement, as measured by the dry-run. Absent
 * limits are not checked. Per-table budgets override the defaults for statements on that table.
 *
 * @param maxWriteBlockingMs longest a lock that blocks writes may be held (default 200 ms)
 * @param maxReadBlockingMs  longest a lock that blocks reads may be held
 * @param maxBlockedMs       longest a probe's read or write may wait
 * @param maxStatementMs     longest a statement may run
 * @param maxTotalMs         longest the whole migration may run
 * @param perTable           table name to the budget for statements that touch it
 */
public record LockBudget(
        OptionalLong maxWriteBlockingMs,
        OptionalLong maxReadBlockingMs,
        OptionalLong maxBlockedMs,
        OptionalLong maxStatementMs,
        OptionalLong maxTotalMs,
        Map<String, LockBudget> perTable) {

    public static final long DEFAULT_MAX_WRITE_BLOCKING_MS = 200;

    public LockBudget {
        perTable = Map.copyOf(perTable);
    }

    public static LockBudget defaults() {
        return new LockBudget(OptionalLong.of(DEFAULT_MAX_WRITE_BLOCKING_MS), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), Map.of());
    }
}

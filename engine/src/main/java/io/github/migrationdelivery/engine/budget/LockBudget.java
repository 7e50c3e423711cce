package io.github.migrationdelivery.engine.budget;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

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
        // Table names compare like the server compares unquoted identifiers.
        Map<String, LockBudget> tables = new HashMap<>();
        perTable.forEach((table, budget) -> tables.put(tableKey(table), budget));
        perTable = Map.copyOf(tables);
    }

    public static LockBudget defaults() {
        return none().withMaxWriteBlockingMs(DEFAULT_MAX_WRITE_BLOCKING_MS);
    }

    /** No limit at all: the start for building a budget from a file or flags. */
    public static LockBudget none() {
        return new LockBudget(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), Map.of());
    }

    public LockBudget withMaxWriteBlockingMs(long ms) {
        return new LockBudget(OptionalLong.of(ms), maxReadBlockingMs, maxBlockedMs, maxStatementMs, maxTotalMs, perTable);
    }

    public LockBudget withMaxReadBlockingMs(long ms) {
        return new LockBudget(maxWriteBlockingMs, OptionalLong.of(ms), maxBlockedMs, maxStatementMs, maxTotalMs, perTable);
    }

    public LockBudget withMaxBlockedMs(long ms) {
        return new LockBudget(maxWriteBlockingMs, maxReadBlockingMs, OptionalLong.of(ms), maxStatementMs, maxTotalMs, perTable);
    }

    public LockBudget withMaxStatementMs(long ms) {
        return new LockBudget(maxWriteBlockingMs, maxReadBlockingMs, maxBlockedMs, OptionalLong.of(ms), maxTotalMs, perTable);
    }

    public LockBudget withMaxTotalMs(long ms) {
        return new LockBudget(maxWriteBlockingMs, maxReadBlockingMs, maxBlockedMs, maxStatementMs, OptionalLong.of(ms), perTable);
    }

    public LockBudget withTable(String table, LockBudget budget) {
        Map<String, LockBudget> tables = new HashMap<>(perTable);
        tables.put(tableKey(table), budget);
        return new LockBudget(maxWriteBlockingMs, maxReadBlockingMs, maxBlockedMs, maxStatementMs, maxTotalMs, tables);
    }

    /**
     * This budget with every limit {@code over} sets replacing ours: config file, then flags
     * ({@code defaults().overriddenBy(file).overriddenBy(flags)}). Per-table budgets merge the same way.
     */
    public LockBudget overriddenBy(LockBudget over) {
        Map<String, LockBudget> tables = new HashMap<>(perTable);
        over.perTable.forEach((table, budget) -> tables.merge(table, budget, LockBudget::overriddenBy));
        return new LockBudget(
                pick(over, LockBudget::maxWriteBlockingMs),
                pick(over, LockBudget::maxReadBlockingMs),
                pick(over, LockBudget::maxBlockedMs),
                pick(over, LockBudget::maxStatementMs),
                pick(over, LockBudget::maxTotalMs),
                tables);
    }

    /** True when no limit is set anywhere. */
    public boolean isEmpty() {
        return maxWriteBlockingMs.isEmpty() && maxReadBlockingMs.isEmpty() && maxBlockedMs.isEmpty()
                && maxStatementMs.isEmpty() && maxTotalMs.isEmpty() && perTable.isEmpty();
    }

    /** The key a table's budget is kept under: lower case, without a schema ({@code public.Orders} → {@code orders}). */
    public static String tableKey(String table) {
        String t = table.strip();
        int dot = t.lastIndexOf('.');
        if (dot >= 0) {
            t = t.substring(dot + 1);
        }
        if (t.length() >= 2 && (t.charAt(0) == '"' || t.charAt(0) == '`') && t.charAt(t.length() - 1) == t.charAt(0)) {
            return t.substring(1, t.length() - 1);
        }
        return t.toLowerCase(Locale.ROOT);
    }

    private OptionalLong pick(LockBudget over, Function<LockBudget, OptionalLong> limit) {
        OptionalLong o = limit.apply(over);
        return o.isPresent() ? o : limit.apply(this);
    }
}

package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lock.PgLockMode;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.SourcePosition;
import io.github.migrationdelivery.engine.schema.SchemaDifference;

import java.nio.file.Path;
import java.util.List;

/**
 * Dry-run reports with the figures a real run on 1,000,000 orders rows gives, for the tests of
 * what reads reports (budget, JSON, HTML) without a database.
 */
public final class DryRunSamples {

    public static final Path UNSAFE_FILE = Path.of("db/unsafe/V7__naive_release.sql");
    public static final Path SAFE_FILE = Path.of("db/changes/release-2.0.xml");

    private DryRunSamples() {
    }

    /** The naive release: a rewrite under AccessExclusiveLock and a plain CREATE INDEX. */
    public static DryRunReport unsafe() {
        StatementRun addStatus = run(1, UNSAFE_FILE, 2, "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'pending'",
                0, 4, "AccessExclusiveLock", List.of(), 4, 4, 3, 3);
        StatementRun index = run(2, UNSAFE_FILE, 7, "CREATE INDEX idx_orders_customer_id ON orders (customer_id)",
                5, 640, "ShareLock", List.of(), 640, 0, 0, 631);
        StatementRun retype = run(3, UNSAFE_FILE, 8, "ALTER TABLE orders ALTER COLUMN amount TYPE numeric(14, 2)",
                650, 1830, "AccessExclusiveLock", List.of("public.orders"), 1830, 1830, 1822, 1824);
        ChangesetRun cs = new ChangesetRun("7", "7", new SourcePosition(UNSAFE_FILE, 1, 1), true, Outcome.APPLIED, 2490,
                List.of(addStatus, index, retype));
        RollbackRehearsal rollback = new RollbackRehearsal(RollbackRehearsal.Status.INCOMPLETE, List.of(), List.of(),
                List.of(), List.of("7 has no rollback (no U7__ undo file)"));
        return new DryRunReport(Dialect.POSTGRESQL, "15.8", "template: copy of orders_prod on 127.0.0.1:5432", 2500, 10,
                Outcome.APPLIED, "", List.of(cs), rollback);
    }

    /** The lint findings on the naive release, as the linter reports them. */
    public static List<Finding> unsafeFindings() {
        return List.of(
                new Finding("require-concurrent-index-creation", Severity.ERROR, new SourcePosition(UNSAFE_FILE, 7, 1), "7",
                        "CREATE INDEX idx_orders_customer_id ON orders (customer_id)", PgLockMode.SHARE.impact(), false,
                        "CREATE INDEX takes ShareLock on \"orders\" and blocks writes while it builds.",
                        "CREATE INDEX CONCURRENTLY idx_orders_customer_id ON orders (customer_id);"),
                new Finding("prefer-robust-stmts", Severity.WARNING, new SourcePosition(UNSAFE_FILE, 7, 1), "7",
                        "CREATE INDEX idx_orders_customer_id ON orders (customer_id)", null, false,
                        "Use IF NOT EXISTS so a retry succeeds.", "CREATE INDEX IF NOT EXISTS ..."),
                new Finding("changing-column-type", Severity.ERROR, new SourcePosition(UNSAFE_FILE, 8, 1), "7",
                        "ALTER TABLE orders ALTER COLUMN amount TYPE numeric(14, 2)", PgLockMode.ACCESS_EXCLUSIVE.impact(), true,
                        "Changing a column's type rewrites \"orders\" under AccessExclusiveLock.",
                        "ALTER TABLE orders ADD COLUMN amount_new numeric(14, 2);\n-- backfill in batches, then swap"));
    }

    /** The same release written the expand/contract way: nothing holds a blocking lock for long. */
    public static DryRunReport safe() {
        StatementRun addStatus = run(1, SAFE_FILE, 14, "ALTER TABLE orders ADD status TEXT DEFAULT 'pending' NOT NULL",
                0, 3, "AccessExclusiveLock", List.of(), 3, 3, 2, 2);
        ChangesetRun first = new ChangesetRun("2.0-orders-status", "2.0-orders-status::orders-team",
                new SourcePosition(SAFE_FILE, 13, 5), true, Outcome.APPLIED, 5, List.of(addStatus));
        StatementRun index = new StatementRun(1, new SourcePosition(SAFE_FILE, 66, 9),
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_customer_id ON orders (customer_id)", Outcome.APPLIED,
                10, 910, 0, List.of(new LockHeld("orders", "ShareUpdateExclusiveLock")), "ShareUpdateExclusiveLock",
                false, false, List.of(), 0, 0, 1, 2, "sampled every 10 ms", "", "");
        ChangesetRun second = new ChangesetRun("2.0-orders-customer-index", "2.0-orders-customer-index::orders-team",
                new SourcePosition(SAFE_FILE, 64, 5), false, Outcome.APPLIED, 915, List.of(index));
        RollbackRehearsal rollback = new RollbackRehearsal(RollbackRehearsal.Status.PASSED, List.of(), List.of(),
                List.of(), List.of());
        return new DryRunReport(Dialect.POSTGRESQL, "15.8", "template: copy of orders_prod on 127.0.0.1:5432", 930, 10,
                Outcome.APPLIED, "", List.of(first, second), rollback);
    }

    /** A rehearsal that found the way back broken. */
    public static RollbackRehearsal failedRehearsal() {
        return new RollbackRehearsal(RollbackRehearsal.Status.FAILED,
                List.of(new SchemaDifference("column orders.status", "", "text not null default 'pending'")),
                List.of(), List.of("rollback of 2.0-name-split-contract drops column customers.first_name (100000 rows)"),
                List.of("2.0-customer-status-expand has no rollback"));
    }

    public static StatementRun run(int index, Path file, int line, String sql, long startedAt, long duration, String lock,
                                   List<String> rewritten, long writeHeld, long readHeld, long readBlocked,
                                   long writeBlocked) {
        PgLockMode mode = PgLockMode.fromPgName(lock);
        return new StatementRun(index, new SourcePosition(file, line, 1), sql, Outcome.APPLIED, startedAt, duration, 0,
                List.of(new LockHeld("orders", lock)), lock, mode.blocksReads(), mode.blocksWrites(), rewritten,
                writeHeld, readHeld, readBlocked, writeBlocked, "own backend", "", "");
    }
}

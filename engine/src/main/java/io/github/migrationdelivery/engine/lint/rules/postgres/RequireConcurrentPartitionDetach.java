package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.PostgresLocks;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.QualifiedName;

import java.util.Set;

/** PG-PART-01: DETACH PARTITION without CONCURRENTLY (the concurrent form exists from PostgreSQL 14). */
public final class RequireConcurrentPartitionDetach extends ExistingTableAction {

    private static final RuleInfo INFO = new RuleInfo("require-concurrent-partition-detach", Severity.ERROR,
            Set.of(Dialect.POSTGRESQL), "ALTER TABLE ... DETACH PARTITION without CONCURRENTLY", false, RuleCategory.LOCKING);

    public RequireConcurrentPartitionDetach() {
        super(INFO);
    }

    @Override
    void check(StatementContext ctx, QualifiedName table, AlterAction a) {
        if (a.kind() != AlterAction.Kind.DETACH_PARTITION || a.concurrently()) {
            return;
        }
        String parent = SafeRewrites.name(table);
        String partition = a.name().isEmpty() ? "<partition>" : SafeRewrites.ident(a.name());
        LockImpact lock = PostgresLocks.of(a).impact();
        String why = "DETACH PARTITION takes " + lock.lockMode() + " on the partitioned table " + parent
                + " (and on the partition): every read and write of " + parent
                + " waits, first behind the running queries, then for the detach.";
        if (!ctx.serverVersion().atLeast(14)) {
            ctx.report(Severity.WARNING, lock, false, why + " PostgreSQL " + ctx.serverVersion()
                            + " has no concurrent form (DETACH PARTITION ... CONCURRENTLY came in 14).",
                    "-- keep the lock wait short and retry instead of queueing all traffic behind it:\n"
                            + "SET lock_timeout = '2s';\n"
                            + "ALTER TABLE " + parent + " DETACH PARTITION " + partition + ";\n"
                            + "-- run it at a quiet time; on PostgreSQL 14+ use DETACH PARTITION ... CONCURRENTLY");
            return;
        }
        ctx.report(lock, false, why,
                SafeRewrites.outsideTransactionNote(ctx.changeset())
                        + "ALTER TABLE " + parent + " DETACH PARTITION " + partition + " CONCURRENTLY;\n"
                        + "-- if it is interrupted, finish it with:\n"
                        + "-- ALTER TABLE " + parent + " DETACH PARTITION " + partition + " FINALIZE;");
    }
}

package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.StatementShape.Transaction;

import java.util.Set;

/**
 * BEGIN/COMMIT/ROLLBACK in a changeset the migration tool already runs in a transaction, or a
 * BEGIN inside an explicit transaction block.
 */
public final class TransactionNesting implements Rule {

    private static final RuleInfo INFO = new RuleInfo("transaction-nesting", Severity.ERROR, Set.of(Dialect.POSTGRESQL),
            "BEGIN/COMMIT inside a transaction the tool or the script already opened", false, RuleCategory.TRANSACTION);

    private static final String FIX = "-- Remove BEGIN/COMMIT: Liquibase and Flyway run each changeset in a transaction.\n"
            + "-- To run statements outside one (CREATE INDEX CONCURRENTLY), mark the changeset non-transactional\n"
            + "-- (Liquibase runInTransaction=\"false\", Flyway executeInTransaction=false, or -- md:no-transaction)\n"
            + "-- and use explicit BEGIN ... COMMIT only around the statements that must be atomic.";

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof Transaction tx)) {
            return;
        }
        boolean toolTransaction = ctx.changeset().transactional();
        switch (tx.kind()) {
            case BEGIN:
                if (toolTransaction) {
                    ctx.report(LockImpact.NONE, false, "The tool already runs this changeset in a transaction: "
                            + "PostgreSQL ignores this BEGIN with a warning, and the COMMIT that goes with it ends the "
                            + "tool's transaction early.", FIX);
                } else if (ctx.state().explicitTransactionDepth() > 0) {
                    ctx.report(Severity.WARNING, LockImpact.NONE, false, "A transaction is already open: PostgreSQL "
                            + "has no nested transactions, so this BEGIN is ignored with a warning and the first "
                            + "COMMIT ends the outer block. Use SAVEPOINT for a nested unit.", FIX);
                }
                break;
            case COMMIT:
            case ROLLBACK:
                if (toolTransaction) {
                    String verb = tx.kind() == Transaction.Kind.COMMIT ? "COMMIT commits" : "ROLLBACK rolls back";
                    ctx.report(LockImpact.NONE, false, verb + " the transaction the tool opened for this changeset: "
                            + "the statements after it run outside any transaction, a later failure cannot undo what "
                            + "came before, and the tool's own bookkeeping (DATABASECHANGELOG, flyway_schema_history) "
                            + "no longer commits together with the change.", FIX);
                }
                break;
            default:
                break;
        }
    }
}

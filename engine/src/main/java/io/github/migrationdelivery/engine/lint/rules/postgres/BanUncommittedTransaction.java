package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lint.rules.common.ChangesetShapes;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.StatementShape;
import io.github.migrationdelivery.engine.sql.StatementShape.Transaction;

import java.util.Set;

/**
 * A BEGIN still open at the end of a non-transactional changeset. (In a changeset the tool wraps,
 * the BEGIN is ignored and transaction-nesting reports it.)
 */
public final class BanUncommittedTransaction implements Rule {

    private static final RuleInfo INFO = new RuleInfo("ban-uncommitted-transaction", Severity.ERROR,
            Set.of(Dialect.POSTGRESQL), "BEGIN without COMMIT by the end of the changeset", false, RuleCategory.TRANSACTION);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
    }

    @Override
    public void atChangesetEnd(StatementContext last) {
        if (last.changeset().transactional()) {
            return;
        }
        // Counted from the changeset itself: independent of whether the plan state already saw the last statement.
        int depth = 0;
        for (StatementShape shape : ChangesetShapes.all(last)) {
            if (shape instanceof Transaction tx) {
                if (tx.kind() == Transaction.Kind.BEGIN) {
                    depth++;
                } else if (tx.kind() == Transaction.Kind.COMMIT || tx.kind() == Transaction.Kind.ROLLBACK) {
                    depth = Math.max(0, depth - 1);
                }
            }
        }
        if (depth > 0) {
            last.report(LockImpact.NONE, false, "The changeset opens a transaction with BEGIN and never commits it. "
                            + "When the runner's session ends the transaction is rolled back, so the migration reports "
                            + "success while nothing was applied; on a reused connection the next work runs inside it, "
                            + "holding its locks.",
                    "COMMIT;  -- as the last statement of the changeset");
        }
    }
}

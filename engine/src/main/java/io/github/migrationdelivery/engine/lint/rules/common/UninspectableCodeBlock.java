package io.github.migrationdelivery.engine.lint.rules.common;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.UninspectableChange;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.Set;

/**
 * PG-RAW-01: a DO block, or a Liquibase {@code <executeCommand>}. The linter does not look into
 * procedural code, so whatever DDL or DML it runs (often through EXECUTE with built strings)
 * escapes every rule, and an operating-system command is no SQL at all; it asks a reviewer to say
 * what it does, with an md:allow and a reason.
 */
public final class UninspectableCodeBlock implements Rule {

    private static final RuleInfo INFO = new RuleInfo("uninspectable-code-block", Severity.WARNING,
            Set.of(Dialect.POSTGRESQL), "A DO block or Liquibase executeCommand: code no rule can check", false, RuleCategory.META);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (ctx.shape() instanceof StatementShape.CodeBlock block) {
            ctx.report(LockImpact.NONE, false, "This DO block (" + block.language() + ") runs code the linter does not"
                            + " look into: DDL or DML inside it, especially through EXECUTE, is checked by no rule and its"
                            + " locks are unknown. Acknowledge it with what it does, or run it as plain SQL statements.",
                    "-- plain statements where the block only wraps DDL, so every rule sees them; otherwise say what it does:\n"
                            + "-- md:allow " + INFO.id() + " <what the block does, which tables it locks, how long>");
        }
    }

    /** The changeset's executeCommand changes: no statement carries them, since statements are run as SQL. */
    @Override
    public void atChangesetEnd(StatementContext last) {
        for (UninspectableChange change : last.changeset().uninspectable()) {
            last.reportAt(change.position(), "<" + change.element() + " executable=\"" + change.subject() + "\">",
                    "This " + change.element() + " runs the operating-system command '" + change.subject() + "', which"
                            + " no rule can check; the dry-run and migrate do not run it, so what it does to the"
                            + " database is neither measured nor applied by this tool. Acknowledge it with what it does.",
                    "<comment>md:allow " + INFO.id() + " <what the command does, what it touches, how long></comment>");
        }
    }
}

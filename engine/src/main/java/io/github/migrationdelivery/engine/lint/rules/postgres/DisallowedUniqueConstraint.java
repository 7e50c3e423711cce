package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.lock.PostgresLocks;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;

import java.util.List;
import java.util.Set;

/** PG-CON-04: ADD CONSTRAINT ... UNIQUE (not USING INDEX) builds the index under AccessExclusiveLock. */
public final class DisallowedUniqueConstraint extends ExistingTableAction {

    private static final RuleInfo INFO = new RuleInfo("disallowed-unique-constraint", Severity.ERROR,
            Set.of(Dialect.POSTGRESQL), "ADD CONSTRAINT UNIQUE on an existing table (index built under AccessExclusiveLock)", false, RuleCategory.LOCKING);

    public DisallowedUniqueConstraint() {
        super(INFO);
    }

    @Override
    void check(StatementContext ctx, QualifiedName table, AlterAction a) {
        ConstraintDef c = a.constraint();
        if (a.kind() != AlterAction.Kind.ADD_CONSTRAINT || c == null || c.type() != ConstraintDef.Type.UNIQUE
                || !c.usingIndex().isEmpty()) {
            return;
        }
        LockImpact lock = PostgresLocks.of(a).impact();
        String t = SafeRewrites.name(table);
        ctx.report(lock, false, "ADD CONSTRAINT ... UNIQUE builds its index by reading all of " + t
                        + " while holding " + lock.lockMode() + ": all reads and writes of " + t
                        + " wait for the whole index build.",
                uniqueUsingIndex(ctx.changeset(), table, SafeRewrites.constraintName(table, c),
                        c.columns(), "UNIQUE", ""));
    }

    /**
     * The online way to a UNIQUE or PRIMARY KEY constraint: check for duplicates, build the unique
     * index concurrently, run {@code beforeAttach} (SQL ending in a newline, or empty), then attach
     * the index (a catalog change under a short lock).
     */
    static String uniqueUsingIndex(Changeset changeset, QualifiedName table, String name, List<String> columns,
                                   String constraintType, String beforeAttach) {
        String t = SafeRewrites.name(table);
        String cols = SafeRewrites.columns(columns);
        return "-- 1. check for duplicates first (the index build fails on them):\n"
                + "SELECT " + cols + ", count(*) FROM " + t + " GROUP BY " + cols + " HAVING count(*) > 1 LIMIT 10;\n"
                + "-- 2. " + SafeRewrites.outsideTransactionNote(changeset).substring(3)
                + SafeRewrites.createIndexConcurrently(true, name, table, columns) + "\n"
                + SafeRewrites.invalidIndexNote(name) + "\n"
                + beforeAttach
                + "-- 3. attach the index (brief lock, no scan):\n"
                + "ALTER TABLE " + t + " ADD CONSTRAINT " + name + " " + constraintType + " USING INDEX " + name + ";";
    }
}

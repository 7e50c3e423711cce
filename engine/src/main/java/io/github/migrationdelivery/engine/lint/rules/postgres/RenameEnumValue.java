package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lint.rules.common.StatementText;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.List;
import java.util.Set;

/** ALTER TYPE ... RENAME VALUE: the running release still writes and compares the old label. */
public final class RenameEnumValue implements Rule {

    private static final RuleInfo INFO = new RuleInfo("rename-enum-value", Severity.ERROR, Set.of(Dialect.POSTGRESQL),
            "ALTER TYPE ... RENAME VALUE breaks the release that still uses the old label", false, RuleCategory.COMPATIBILITY);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof StatementShape.AlterType at) || at.action() != StatementShape.AlterType.Action.RENAME_VALUE) {
            return;
        }
        List<String> labels = EnumValues.in(ctx.tokens());
        String from = labels.size() > 0 ? labels.get(0) : "'<old>'";
        String to = labels.size() > 1 ? labels.get(1) : "'<new>'";
        String type = StatementText.name(at.type(), ctx.dialect());
        ctx.report(LockImpact.NONE, false, "Renaming label " + from + " of " + at.type() + " to " + to
                        + " is instant, but the release running now still inserts " + from
                        + " (invalid input value for enum: its INSERTs fail) and compares against it in queries.",
                "-- Add the new label next to the old one (commit before using it):\n"
                        + "ALTER TYPE " + type + " ADD VALUE IF NOT EXISTS " + to + " AFTER " + from + ";\n"
                        + "-- release N accepts both labels and writes " + to + ";\n"
                        + "-- backfill in batches, outside the DDL migration:\n"
                        + "UPDATE <table> SET <column> = " + to + " WHERE <column> = " + from
                        + " AND id BETWEEN :from AND :to;\n"
                        + "-- PostgreSQL cannot drop an enum label: " + from + " stays, unused, "
                        + "(or move to a lookup table / CHECK constraint).");
    }
}

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

/** ALTER TYPE ... ADD VALUE without BEFORE/AFTER: the label sorts last, which may not be what ORDER BY expects. */
public final class RequireEnumValueOrdering implements Rule {

    private static final RuleInfo INFO = new RuleInfo("require-enum-value-ordering", Severity.WARNING,
            Set.of(Dialect.POSTGRESQL), "ALTER TYPE ... ADD VALUE without BEFORE or AFTER", false, RuleCategory.COMPATIBILITY);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof StatementShape.AlterType at) || at.action() != StatementShape.AlterType.Action.ADD_VALUE
                || at.positioned()) {
            return;
        }
        List<String> labels = EnumValues.in(ctx.tokens());
        String label = labels.isEmpty() ? "'<label>'" : labels.get(0);
        ctx.report(LockImpact.NONE, false, "Label " + label + " is added at the end of " + at.type()
                        + ". Enum values sort and compare (ORDER BY, <, >, BETWEEN) by their declared position, not "
                        + "alphabetically, so say where it belongs.",
                "ALTER TYPE " + StatementText.name(at.type(), ctx.dialect()) + " ADD VALUE "
                        + (at.ifNotExists() ? "IF NOT EXISTS " : "") + label + " AFTER '<existing label>';\n"
                        + "-- or BEFORE '<existing label>'; if last is right, record it: "
                        + "-- md:allow require-enum-value-ordering <reason>");
    }
}

package io.github.migrationdelivery.engine.lint.rules.common;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** DROP TABLE of a table that exists in production (not one created earlier in the plan). */
public final class BanDropTable implements Rule {

    private static final RuleInfo INFO = new RuleInfo("ban-drop-table", Severity.ERROR, Set.of(Dialect.values()),
            "DROP TABLE of an existing table deletes its data and breaks clients still using it", false, RuleCategory.DESTRUCTIVE);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof StatementShape.Drop drop) || !"TABLE".equals(drop.objectType())) {
            return;
        }
        List<QualifiedName> existing = drop.names().stream().filter(n -> !ctx.state().createdInPlan(n)).toList();
        if (existing.isEmpty()) {
            return;
        }
        String names = existing.stream().map(QualifiedName::toString).collect(Collectors.joining(", "));
        String fix = existing.stream().map(t -> ExpandContract.dropTable(ctx.dialect(), t))
                .collect(Collectors.joining("\n\n"));
        ctx.report("Dropping " + names + " deletes all of its rows for good and breaks any client, report or job that "
                + "still reads or writes it. Take it out of use first, keep the data, and drop it in a later release.", fix);
    }
}

package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.Indexes;
import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;

import java.util.List;

/** A rule about the indexes a CREATE TABLE, CREATE INDEX or ALTER TABLE gives its table ({@link Indexes#addedBy}). */
abstract class AddedIndexRule implements Rule {

    private final RuleInfo info;

    AddedIndexRule(RuleInfo info) {
        this.info = info;
    }

    @Override
    public final RuleInfo info() {
        return info;
    }

    @Override
    public final void check(StatementContext ctx) {
        QualifiedName table = Indexes.table(ctx.shape());
        List<ConstraintDef> added = table == null ? List.of() : Indexes.addedBy(ctx.shape());
        if (!added.isEmpty()) {
            check(ctx, table, added);
        }
    }

    /** Looks at the indexes ({@code added}, in declaration order) the statement gives {@code table}. */
    abstract void check(StatementContext ctx, QualifiedName table, List<ConstraintDef> added);
}

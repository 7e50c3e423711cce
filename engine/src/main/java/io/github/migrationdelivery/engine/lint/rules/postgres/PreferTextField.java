package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lint.rules.common.StatementText;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.TypeRef;

import java.util.Set;

/** New varchar(n) columns: the limit is cheaper to change as a CHECK constraint on a text column. */
public final class PreferTextField extends ColumnTypeChoice {

    private static final RuleInfo INFO = new RuleInfo("prefer-text-field", Severity.WARNING, Set.of(Dialect.POSTGRESQL),
            "New varchar(n) column: prefer text with a CHECK on its length", false, RuleCategory.DESIGN);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    boolean flags(TypeRef type) {
        return "varchar".equals(type.name()) && type.length() > 0;
    }

    @Override
    String message(NewColumn c) {
        return "Column " + c.table() + "." + c.column() + " is " + c.type().text() + ". Lowering the limit later scans the whole "
                + "table under AccessExclusiveLock (blocks reads and writes), and even raising it takes "
                + "AccessExclusiveLock. A CHECK constraint on a text column can be replaced with NOT VALID and "
                + "validated without blocking writes; text and varchar store the same way.";
    }

    @Override
    String preferred(NewColumn c) {
        return "text";
    }

    @Override
    String rewrite(StatementContext ctx, NewColumn c) {
        String col = StatementText.name(c.column(), ctx.dialect());
        String check = "CHECK (length(" + col + ") <= " + c.type().length() + ")";
        QualifiedName name = StatementText.derived(c.table(), c.table().name() + "_" + c.column(), "_length");
        String constraint = StatementText.name(name.name(), ctx.dialect());
        if (c.where() == Where.CREATE_TABLE) {
            return "CREATE TABLE " + StatementText.name(c.table(), ctx.dialect()) + " (\n    ...\n    " + col
                    + " text CONSTRAINT " + constraint + " " + check + ",\n    ...\n);";
        }
        String t = StatementText.name(c.table(), ctx.dialect());
        return super.rewrite(ctx, c) + "\n"
                + "ALTER TABLE " + t + " ADD CONSTRAINT " + constraint + " " + check + " NOT VALID;\n"
                + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + constraint + ";  -- in a later transaction";
    }
}

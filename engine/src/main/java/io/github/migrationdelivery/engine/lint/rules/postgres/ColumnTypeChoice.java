package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lint.rules.common.StatementText;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ColumnDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;
import io.github.migrationdelivery.engine.sql.TypeRef;

import java.util.ArrayList;
import java.util.List;

/**
 * What the type-preference rules share: they look only at types the migration chooses now (CREATE
 * TABLE columns, ADD COLUMN, ALTER COLUMN ... TYPE targets), never at existing columns, and suggest
 * the column with a better type.
 */
abstract class ColumnTypeChoice implements Rule {

    /** A column whose type this statement chooses; {@code definition} is null for ALTER COLUMN TYPE. */
    record NewColumn(QualifiedName table, String column, TypeRef type, ColumnDef definition, Where where) {
    }

    enum Where { CREATE_TABLE, ADD_COLUMN, ALTER_TYPE }

    abstract boolean flags(TypeRef type);

    abstract String message(NewColumn column);

    /** The better type, written as SQL. */
    abstract String preferred(NewColumn column);

    @Override
    public final void check(StatementContext ctx) {
        for (NewColumn c : newColumns(ctx.shape())) {
            if (c.type() != null && !c.type().array() && !c.type().text().startsWith("\"") && flags(c.type())) {
                ctx.report(LockImpact.NONE, false, message(c), rewrite(ctx, c));
            }
        }
    }

    /** The column with the preferred type, in the statement form it was chosen in. */
    String rewrite(StatementContext ctx, NewColumn c) {
        String t = StatementText.name(c.table(), ctx.dialect());
        String col = StatementText.name(c.column(), ctx.dialect());
        switch (c.where()) {
            case ADD_COLUMN:
                return "ALTER TABLE " + t + " ADD COLUMN " + col + " " + preferred(c) + ";";
            case ALTER_TYPE:
                return "ALTER TABLE " + t + " ALTER COLUMN " + col + " TYPE " + preferred(c) + ";";
            default:
                return "CREATE TABLE " + t + " (\n    ...\n    " + col + " " + preferred(c) + ",\n    ...\n);";
        }
    }

    static List<NewColumn> newColumns(StatementShape shape) {
        List<NewColumn> out = new ArrayList<>();
        if (shape instanceof StatementShape.CreateTable ct) {
            for (ColumnDef c : ct.columns()) {
                out.add(new NewColumn(ct.table(), c.name(), c.type(), c, Where.CREATE_TABLE));
            }
        } else if (shape instanceof StatementShape.AlterTable at) {
            for (AlterAction a : at.actions()) {
                if (a.kind() == AlterAction.Kind.ADD_COLUMN && a.definition() != null) {
                    out.add(new NewColumn(at.table(), a.definition().name(), a.definition().type(), a.definition(),
                            Where.ADD_COLUMN));
                } else if (a.kind() == AlterAction.Kind.ALTER_COLUMN_TYPE) {
                    out.add(new NewColumn(at.table(), a.column(), a.type(), null, Where.ALTER_TYPE));
                }
            }
        }
        return out;
    }

    /** {@code base} with the type's modifiers, e.g. timestamptz(3) for timestamp(3). */
    static String withArgs(String base, TypeRef type) {
        return type.args().isEmpty() ? base : base + "(" + String.join(", ", type.args()) + ")";
    }
}

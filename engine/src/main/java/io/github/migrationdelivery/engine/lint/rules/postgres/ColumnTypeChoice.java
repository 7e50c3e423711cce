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
        // Every statement passes through six of these rules: a column is only wrapped when it is flagged.
        if (ctx.shape() instanceof StatementShape.CreateTable ct) {
            for (ColumnDef c : ct.columns()) {
                consider(ctx, ct.table(), c.name(), c.type(), c, Where.CREATE_TABLE);
            }
        } else if (ctx.shape() instanceof StatementShape.AlterTable at) {
            for (AlterAction a : at.actions()) {
                if (a.kind() == AlterAction.Kind.ADD_COLUMN && a.definition() != null) {
                    consider(ctx, at.table(), a.definition().name(), a.definition().type(), a.definition(), Where.ADD_COLUMN);
                } else if (a.kind() == AlterAction.Kind.ALTER_COLUMN_TYPE) {
                    consider(ctx, at.table(), a.column(), a.type(), null, Where.ALTER_TYPE);
                }
            }
        }
    }

    private void consider(StatementContext ctx, QualifiedName table, String column, TypeRef type, ColumnDef definition,
                          Where where) {
        if (type != null && !type.array() && !type.text().startsWith("\"") && flags(type)) {
            NewColumn c = new NewColumn(table, column, type, definition, where);
            ctx.report(LockImpact.NONE, false, message(c), rewrite(ctx, c));
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

    /** {@code base} with the type's modifiers, e.g. timestamptz(3) for timestamp(3). */
    static String withArgs(String base, TypeRef type) {
        return type.args().isEmpty() ? base : base + "(" + String.join(", ", type.args()) + ")";
    }
}

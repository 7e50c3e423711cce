package io.github.migrationdelivery.engine.lint.rules.common;

import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.List;

/**
 * The shapes of the other statements of a changeset, for rules whose verdict depends on the
 * whole changeset (does it also hold DDL? is a BEGIN committed by the end? did an earlier
 * statement already get this finding?). The linter recognised them once; rules read them from the context.
 */
public final class ChangesetShapes {

    private ChangesetShapes() {
    }

    public static List<StatementShape> all(StatementContext ctx) {
        return ctx.changesetShapes();
    }

    /** The statements of the changeset that ran before the current one. */
    public static List<StatementShape> before(StatementContext ctx) {
        List<StatementShape> shapes = ctx.changesetShapes();
        return shapes.subList(0, Math.min(ctx.state().statementIndex(), shapes.size()));
    }

    /** True for statements that change the schema (as opposed to data, settings or transaction control). */
    public static boolean isDdl(StatementShape shape) {
        return shape instanceof StatementShape.CreateTable || shape instanceof StatementShape.CreateIndex
                || shape instanceof StatementShape.DropIndex || shape instanceof StatementShape.AlterTable
                || shape instanceof StatementShape.Drop || shape instanceof StatementShape.Truncate
                || shape instanceof StatementShape.Reindex || shape instanceof StatementShape.AlterType
                || shape instanceof StatementShape.CreateType || shape instanceof StatementShape.Domain
                || shape instanceof StatementShape.OtherDdl;
    }
}

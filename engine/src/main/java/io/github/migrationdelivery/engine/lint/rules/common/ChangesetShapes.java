package io.github.migrationdelivery.engine.lint.rules.common;

import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.plan.Statement;
import io.github.migrationdelivery.engine.sql.Lexer;
import io.github.migrationdelivery.engine.sql.Recognizer;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.ArrayList;
import java.util.List;

/**
 * The shapes of the other statements of a changeset, for rules whose verdict depends on the
 * whole changeset (does it also hold DDL? is a BEGIN committed by the end? did an earlier
 * statement already get this finding?). Rules stay stateless: they recognise what they need,
 * only when the current statement is a candidate.
 */
public final class ChangesetShapes {

    private ChangesetShapes() {
    }

    public static List<StatementShape> all(Changeset changeset, Dialect dialect) {
        return recognize(changeset.statements(), dialect);
    }

    /** The statements of the changeset that ran before the current one. */
    public static List<StatementShape> before(StatementContext ctx) {
        List<Statement> statements = ctx.changeset().statements();
        int index = Math.min(ctx.state().statementIndex(), statements.size());
        return recognize(statements.subList(0, index), ctx.dialect());
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

    private static List<StatementShape> recognize(List<Statement> statements, Dialect dialect) {
        Recognizer recognizer = new Recognizer(dialect);
        List<StatementShape> shapes = new ArrayList<>(statements.size());
        for (Statement s : statements) {
            shapes.add(recognizer.recognize(Lexer.significant(s.sql(), dialect)));
        }
        return shapes;
    }
}

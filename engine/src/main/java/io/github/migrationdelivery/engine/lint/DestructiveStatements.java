package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.Statement;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.Lexer;
import io.github.migrationdelivery.engine.sql.Recognizer;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.ArrayList;
import java.util.List;

/**
 * The statements of a plan the {@link Classifier} calls destructive, forward and rollback alike,
 * for the gates that must know what a plan can destroy (backup) rather than what the linter thinks
 * of it. Runs no rules.
 *
 * <p>A rollback statement is judged against the plan's state after its last statement: a rollback
 * dropping a table the plan created destroys nothing that exists before the plan, so no backup
 * taken before it could protect it; one that drops a table or column that existed before is
 * destructive. A rollback dropping a column the plan added is not, for the same reason.
 */
public final class DestructiveStatements {

    private DestructiveStatements() {
    }

    /** The destructive statements in plan order, each changeset's rollback after its forward statements. */
    public static List<DestructiveStatement> of(Plan plan) {
        Recognizer recognizer = new Recognizer(plan.dialect());
        List<List<StatementShape>> forward = new ArrayList<>();
        PlanHistory history = new PlanHistory();
        int ordinal = 0;
        for (Changeset c : plan.changesets()) {
            List<StatementShape> shapes = shapes(recognizer, plan, c.statements());
            history.record(shapes, ordinal);
            ordinal += shapes.size();
            forward.add(shapes);
        }
        List<DestructiveStatement> out = new ArrayList<>();
        int first = 0;
        for (int i = 0; i < plan.changesets().size(); i++) {
            Changeset c = plan.changesets().get(i);
            collect(c, c.statements(), forward.get(i), new ChangesetTracker(plan.dialect(), history, c, first), false, out);
            first += c.statements().size();
            if (c.rollback().isPresent()) {
                List<Statement> back = c.rollback().get().statements();
                collect(c, back, shapes(recognizer, plan, back), new ChangesetTracker(plan.dialect(), history, c, ordinal),
                        true, out);
            }
        }
        return List.copyOf(out);
    }

    private static List<StatementShape> shapes(Recognizer recognizer, Plan plan, List<Statement> statements) {
        List<StatementShape> shapes = new ArrayList<>(statements.size());
        for (Statement s : statements) {
            shapes.add(recognizer.recognize(Lexer.significant(s.sql(), plan.dialect())));
        }
        return shapes;
    }

    private static void collect(Changeset changeset, List<Statement> statements, List<StatementShape> shapes,
                                ChangesetTracker tracker, boolean rollback, List<DestructiveStatement> out) {
        for (int i = 0; i < statements.size(); i++) {
            StatementShape shape = shapes.get(i);
            if (Classifier.classify(shape, tracker) == ChangeClass.DESTRUCTIVE
                    && !(rollback && dropsOnlyColumnsThePlanDefined(shape, tracker))) {
                out.add(new DestructiveStatement(changeset, statements.get(i), shape, rollback));
            }
            tracker.after(shape);
        }
    }

    /** Liquibase's generated rollback of addColumn: the column holds nothing that existed before the plan. */
    private static boolean dropsOnlyColumnsThePlanDefined(StatementShape shape, PlanState state) {
        return shape instanceof StatementShape.AlterTable alter && !alter.actions().isEmpty()
                && alter.actions().stream().allMatch(a -> a.kind() == AlterAction.Kind.DROP_COLUMN
                        && state.columnType(alter.table(), a.column()).isPresent());
    }
}

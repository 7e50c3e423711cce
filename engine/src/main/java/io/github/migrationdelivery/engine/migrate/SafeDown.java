package io.github.migrationdelivery.engine.migrate;

import io.github.migrationdelivery.engine.lint.ChangeClass;
import io.github.migrationdelivery.engine.lint.Classifier;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.Plan;
import io.github.migrationdelivery.engine.plan.SourcePosition;
import io.github.migrationdelivery.engine.plan.Statement;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.Lexer;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.Recognizer;
import io.github.migrationdelivery.engine.sql.SqlText;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the rollback statements (Liquibase {@code <rollback>} or the inverse Liquibase generates,
 * Flyway {@code U__} scripts) that would lose data, so a rollback that runs without a human can
 * never be destructive. A statement loses data when the lint classifier calls it destructive
 * (judged as if every table had rows, because a rollback runs after the forward changeset's
 * tables and columns were written to) and it removes stored values: DROP TABLE/SCHEMA/DATABASE or
 * any DROP ... CASCADE, TRUNCATE, DROP COLUMN, a dropped partition, a type change that may narrow,
 * UPDATE or DELETE without WHERE. Renames and dropped keys, views or functions lose no stored
 * value and pass. A DELETE with a WHERE passes: it is how the rollback of a seed INSERT removes
 * exactly the rows it inserted. A statement the recogniser does not know fails, since nothing
 * proves it keeps data.
 */
public final class SafeDown {

    /** One rollback statement that would lose data. */
    public record Destructive(String changeset, SourcePosition position, String statement, String why) {
    }

    private static final Set<String> DATA_HOLDERS = Set.of("TABLE", "SCHEMA", "DATABASE");

    private SafeDown() {
    }

    public static List<Destructive> check(Plan plan) {
        Recognizer recognizer = new Recognizer(plan.dialect());
        List<Destructive> out = new ArrayList<>();
        for (Changeset cs : plan.changesets()) {
            for (Statement st : cs.rollback().map(r -> r.statements()).orElse(List.of())) {
                StatementShape shape = recognizer.recognize(Lexer.significant(st.sql(), plan.dialect()));
                why(shape).ifPresent(why -> out.add(new Destructive(cs.displayName(), st.position(),
                        SqlText.excerpt(st.sql(), 80), why)));
            }
        }
        return out;
    }

    private static Optional<String> why(StatementShape shape) {
        if (shape instanceof StatementShape.Unrecognized || shape instanceof StatementShape.CodeBlock) {
            return Optional.of("not a statement the recogniser knows, so nothing proves it keeps data");
        }
        if (shape instanceof StatementShape.AlterTable alter) {
            List<String> losses = new ArrayList<>();
            for (AlterAction a : alter.actions()) {
                StatementShape one = new StatementShape.AlterTable(alter.table(), alter.ifExists(), alter.only(), List.of(a),
                        alter.algorithm(), alter.lock());
                if (Classifier.classifyAlone(one) == ChangeClass.DESTRUCTIVE) {
                    loss(alter.table(), a).ifPresent(losses::add);
                }
            }
            return losses.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", losses));
        }
        if (Classifier.classifyAlone(shape) != ChangeClass.DESTRUCTIVE) {
            return Optional.empty();
        }
        if (shape instanceof StatementShape.Drop d && (DATA_HOLDERS.contains(d.objectType()) || d.cascade())) {
            return Optional.of("drops " + d.objectType().toLowerCase(java.util.Locale.ROOT) + " " + names(d.names())
                    + (d.cascade() ? " with CASCADE (and whatever depends on it)" : "")
                    + " with every row in it, also rows written since the forward changeset ran");
        }
        if (shape instanceof StatementShape.Truncate t) {
            return Optional.of("empties " + names(t.tablesTruncated()));
        }
        if (shape instanceof StatementShape.Dml dml && !dml.hasWhere()) {
            String verb = dml.kind() == StatementShape.Dml.Kind.DELETE ? "deletes every row of " : "overwrites every row of ";
            return Optional.of(verb + dml.table() + " (no WHERE)");
        }
        return Optional.empty();
    }

    private static Optional<String> loss(QualifiedName table, AlterAction a) {
        return switch (a.kind()) {
            case DROP_COLUMN -> Optional.of("drops column " + table + "." + a.column()
                    + " and its values, also those written since the forward changeset added it");
            case ALTER_COLUMN_TYPE, MODIFY_COLUMN -> a.type() == null && a.definition() == null ? Optional.empty()
                    : Optional.of("changes the type of " + table + "." + a.column()
                    + " to one that may be narrower: values that do not fit are cut or refused");
            case OTHER -> Optional.of("drops a partition of " + table + " with its rows");
            default -> Optional.empty(); // renames and dropped keys keep every stored value
        };
    }

    private static String names(List<QualifiedName> names) {
        return String.join(", ", names.stream().map(QualifiedName::toString).toList());
    }
}

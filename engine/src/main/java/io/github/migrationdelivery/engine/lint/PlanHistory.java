package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ColumnDef;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;
import io.github.migrationdelivery.engine.sql.TypeRef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The facts that cross changesets: tables created in the plan, column types the plan defined,
 * validated {@code CHECK (c IS NOT NULL)} constraints, the table and column CHECK constraints and the indexes the plan put on each table. They are recorded once, in plan order,
 * each with the ordinal of the statement that changed it (its position in the whole plan, from
 * 0), and answered "as of" an ordinal: what was true after every statement before it. That lets
 * the rules of each changeset run on their own thread, once the changesets up to it are recorded,
 * and still see exactly the plan before it whatever was recorded after.
 * Tables are keyed by name without schema, as most migrations do not qualify names.
 */
final class PlanHistory {

    private final Versions<String, Boolean> createdTables = new Versions<>();
    private final Versions<Member, TypeRef> columnTypes = new Versions<>();
    private final Versions<Member, Boolean> validatedNotNullChecks = new Versions<>();
    /** Per table, the indexes the plan gave it (primary keys, unique constraints, indexes), in creation order. */
    private final Versions<String, List<ConstraintDef>> indexes = new Versions<>();
    /** Per table, the CHECK constraints (table- and column-level) the plan gave it and did not drop, in creation order. */
    private final Versions<String, List<ConstraintDef>> checks = new Versions<>();
    /** For recording: constraint key (table/name) to the column a pending NOT VALID "IS NOT NULL" check covers. */
    private final Map<Member, String> pendingNotNullChecks = new HashMap<>();
    /** For recording: index name to its table, for PostgreSQL's {@code DROP INDEX name}, which names no table. */
    private final Map<String, String> indexTables = new HashMap<>();

    /**
     * Records one changeset's statements, whose first has plan ordinal {@code firstOrdinal}.
     * Changesets must be recorded in plan order, and not while other threads ask questions.
     */
    void record(List<StatementShape> shapes, int firstOrdinal) {
        int ordinal = firstOrdinal;
        for (StatementShape shape : shapes) {
            record(shape, ordinal++);
        }
    }

    private void record(StatementShape shape, int ordinal) {
        if (shape instanceof StatementShape.CreateTable ct) {
            String table = ct.table().name();
            createdTables.put(table, ordinal, true);
            for (ColumnDef col : ct.columns()) {
                if (col.type() != null) {
                    columnTypes.put(key(table, col.name()), ordinal, col.type());
                }
                col.checks().forEach(c -> constraintAdded(table, c, ordinal));
            }
            for (ConstraintDef c : ct.constraints()) {
                constraintAdded(table, c, ordinal);
            }
            created(ct, ordinal);
        } else if (shape instanceof StatementShape.AlterTable at) {
            altered(at, ordinal);
        } else if (shape instanceof StatementShape.CreateIndex ci) {
            indexAdded(ci.table().name(), Indexes.created(ci), ordinal);
        } else if (shape instanceof StatementShape.DropIndex di) {
            for (QualifiedName name : di.names()) {
                String table = di.table() != null ? di.table().name() : indexTables.get(name.name());
                indexDropped(table, i -> i.name().equals(name.name()), ordinal);
            }
        } else if (shape instanceof StatementShape.Drop d && "TABLE".equals(d.objectType())) {
            d.names().forEach(n -> createdTables.put(n.name(), ordinal, false));
            d.names().forEach(n -> indexDropped(n.name(), i -> true, ordinal));
            d.names().forEach(n -> checkDropped(n.name(), c -> true, ordinal));
        }
    }

    private void altered(StatementShape.AlterTable at, int ordinal) {
        String table = at.table().name();
        for (AlterAction a : at.actions()) {
            switch (a.kind()) {
                case ADD_COLUMN:
                case MODIFY_COLUMN:
                    if (a.definition() != null && a.definition().type() != null) {
                        columnTypes.put(key(table, a.column()), ordinal, null);
                        columnTypes.put(key(table, a.definition().name()), ordinal, a.definition().type());
                    }
                    if (a.definition() != null) {
                        a.definition().checks().forEach(c -> constraintAdded(table, c, ordinal));
                    }
                    indexAdded(table, Indexes.added(a), ordinal);
                    break;
                case ALTER_COLUMN_TYPE:
                    if (a.type() != null) {
                        columnTypes.put(key(table, a.column()), ordinal, a.type());
                    }
                    break;
                case ADD_CONSTRAINT:
                    constraintAdded(table, a.constraint(), ordinal);
                    indexAdded(table, Indexes.added(a), ordinal);
                    break;
                case ADD_INDEX:
                    indexAdded(table, Indexes.added(a), ordinal);
                    break;
                case DROP_CONSTRAINT:
                    checkDropped(table, c -> c.name().equals(a.name()), ordinal);
                    indexDropped(table, i -> i.name().equals(a.name()), ordinal);
                    break;
                case DROP_INDEX:
                    indexDropped(table, i -> i.name().equals(a.name()), ordinal);
                    break;
                case DROP_PRIMARY_KEY:
                    indexDropped(table, i -> i.type() == ConstraintDef.Type.PRIMARY_KEY, ordinal);
                    break;
                case VALIDATE_CONSTRAINT:
                    String column = pendingNotNullChecks.remove(key(table, a.name()));
                    if (column != null) {
                        validatedNotNullChecks.put(key(table, column), ordinal, true);
                    }
                    break;
                case RENAME_TABLE:
                    String newName = a.name().substring(a.name().lastIndexOf('.') + 1);
                    if (Boolean.TRUE.equals(createdTables.latest(table))) {
                        createdTables.put(table, ordinal, false);
                        createdTables.put(newName, ordinal, true);
                    }
                    List<ConstraintDef> moved = indexes.latest(table);
                    if (moved != null) {
                        indexes.put(table, ordinal, List.of());
                        indexes.put(newName, ordinal, moved);
                        moved.forEach(i -> named(i, newName));
                    }
                    List<ConstraintDef> movedChecks = checks.latest(table);
                    if (movedChecks != null) {
                        checks.put(table, ordinal, List.of());
                        checks.put(newName, ordinal, movedChecks);
                    }
                    break;
                default:
                    break;
            }
        }
    }

    private void constraintAdded(String table, ConstraintDef c, int ordinal) {
        if (c == null || c.type() != ConstraintDef.Type.CHECK) {
            return;
        }
        List<ConstraintDef> now = new ArrayList<>(orEmpty(checks.latest(table)));
        now.add(c);
        checks.put(table, ordinal, List.copyOf(now));
        if (c.expression().size() != 4 || !c.expression().get(0).isIdentifier()) {
            return;
        }
        String column = c.expression().get(0).identifier();
        if (c.isNotNullCheckOn(column)) {
            if (c.notValid()) {
                pendingNotNullChecks.put(key(table, c.name()), column);
            } else {
                validatedNotNullChecks.put(key(table, column), ordinal, true);
            }
        }
    }

    private void created(StatementShape.CreateTable ct, int ordinal) {
        String table = ct.table().name();
        List<ConstraintDef> declared = Indexes.declared(ct);
        if (!declared.isEmpty() || indexes.latest(table) != null) {
            indexes.put(table, ordinal, List.copyOf(declared));
            declared.forEach(i -> named(i, table));
        }
    }

    private void indexAdded(String table, ConstraintDef index, int ordinal) {
        if (index == null) {
            return;
        }
        List<ConstraintDef> now = new ArrayList<>(orEmpty(indexes.latest(table)));
        now.add(index);
        indexes.put(table, ordinal, List.copyOf(now));
        named(index, table);
    }

    private void named(ConstraintDef index, String table) {
        if (!index.name().isEmpty()) {
            indexTables.put(index.name(), table);
        }
    }

    private void indexDropped(String table, Predicate<ConstraintDef> which, int ordinal) {
        List<ConstraintDef> before = table == null ? null : indexes.latest(table);
        if (before != null && before.stream().anyMatch(which)) {
            indexes.put(table, ordinal, before.stream().filter(which.negate()).toList());
        }
    }

    private void checkDropped(String table, Predicate<ConstraintDef> which, int ordinal) {
        List<ConstraintDef> before = checks.latest(table);
        if (before != null && before.stream().anyMatch(which)) {
            checks.put(table, ordinal, before.stream().filter(which.negate()).toList());
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    static Member key(String table, String name) {
        return new Member(table, name);
    }

    /**
     * A column or constraint of a table. Not a "table/name" string: every lookup would build and
     * hash a new string, and the history is recorded on one thread for every statement of the plan.
     */
    record Member(String table, String name) {
        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(table) + Objects.hashCode(name); // written out: cheaper than the generated one in a short run
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Member m && Objects.equals(table, m.table) && Objects.equals(name, m.name);
        }
    }

    /** True when the table was created by a statement before {@code ordinal} and not dropped or renamed since. */
    boolean createdInPlan(String table, int ordinal) {
        return Boolean.TRUE.equals(createdTables.asOf(table, ordinal));
    }

    /** The column's type as the statements before {@code ordinal} defined it; null when they did not. */
    TypeRef columnType(String table, String column, int ordinal) {
        return columnTypes.asOf(key(table, column), ordinal);
    }

    /** The indexes the statements before {@code ordinal} gave the table and did not drop since. */
    List<ConstraintDef> indexes(String table, int ordinal) {
        return orEmpty(indexes.asOf(table, ordinal));
    }

    /**
     * The CHECK constraints, given by the statements before {@code ordinal} and not dropped since,
     * declared on the column or whose expression names it.
     */
    List<ConstraintDef> checks(String table, String column, int ordinal) {
        return orEmpty(checks.asOf(table, ordinal)).stream()
                .filter(c -> c.columns().contains(column)
                        || c.expression().stream().anyMatch(t -> t.isIdentifier() && t.identifier().equals(column)))
                .toList();
    }

    boolean hasValidatedNotNullCheck(String table, String column, int ordinal) {
        return Boolean.TRUE.equals(validatedNotNullChecks.asOf(key(table, column), ordinal));
    }

    /**
     * Values per key, each with the ordinal of the statement that set it: per key a chain from the
     * latest change back to the first. Questions mostly come after the last change of their key
     * (changesets ask once the slice they belong to is recorded), so the walk is usually one step.
     */
    private static final class Versions<K, V> {

        private record Change(int ordinal, Object value, Change earlier) {
        }

        private final Map<K, Change> latest = new HashMap<>();

        /** Sets the value from statement {@code ordinal} on; a later put for the same statement wins. */
        void put(K key, int ordinal, V value) {
            Change last = latest.get(key);
            Change earlier = last != null && last.ordinal() == ordinal ? last.earlier() : last;
            latest.put(key, new Change(ordinal, value, earlier));
        }

        /** The value set by the last statement before {@code ordinal}; null when none set it. */
        @SuppressWarnings("unchecked")
        V asOf(K key, int ordinal) {
            for (Change c = latest.get(key); c != null; c = c.earlier()) {
                if (c.ordinal() < ordinal) {
                    return (V) c.value();
                }
            }
            return null;
        }

        /** The value after everything recorded so far. */
        V latest(K key) {
            return asOf(key, Integer.MAX_VALUE);
        }
    }
}

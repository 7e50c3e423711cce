package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;
import io.github.migrationdelivery.engine.sql.Token;
import io.github.migrationdelivery.engine.sql.TypeRef;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tags a statement additive, backfill or destructive in expand/contract terms. Destructive means
 * it can lose data or break the application version still running: DROP of tables, columns,
 * schemas and views, TRUNCATE, any DELETE, UPDATE without WHERE, renames, and type changes that
 * may narrow. When the old type is unknown a change to a bounded type counts as narrowing: the
 * backup gate should err on the side of the data.
 */
public final class Classifier {

    private static final Set<String> DROPS_THAT_DESTROY = Set.of(
            "TABLE", "SCHEMA", "DATABASE", "VIEW", "MATERIALIZED VIEW", "FUNCTION", "PROCEDURE", "TYPE", "DOMAIN",
            "SEQUENCE", "FOREIGN TABLE", "TRIGGER");

    private static final Set<String> BOUNDED_TYPES = Set.of(
            "varchar", "char", "smallint", "integer", "int", "tinyint", "mediumint", "numeric", "decimal", "real",
            "date", "boolean", "bit", "enum", "set", "binary", "varbinary", "float");

    /** A plan state that knows nothing: every table existed before, with rows in it; no column type is known. */
    private static final PlanState NOTHING_KNOWN = new PlanState() {
        @Override
        public boolean createdInPlan(QualifiedName table) {
            return false;
        }

        @Override
        public Optional<TypeRef> columnType(QualifiedName table, String column) {
            return Optional.empty();
        }

        @Override
        public List<ConstraintDef> indexes(QualifiedName table) {
            return List.of();
        }

        @Override
        public List<ConstraintDef> checks(QualifiedName table, String column) {
            return List.of();
        }

        @Override
        public boolean hasValidatedNotNullCheck(QualifiedName table, String column) {
            return false;
        }

        @Override
        public boolean lockTimeoutSet() {
            return false;
        }

        @Override
        public boolean statementTimeoutSet() {
            return false;
        }

        @Override
        public boolean inTransaction() {
            return true;
        }

        @Override
        public int explicitTransactionDepth() {
            return 0;
        }

        @Override
        public boolean accessExclusiveHeld(QualifiedName table) {
            return false;
        }

        @Override
        public boolean addedNotValidInTransaction(QualifiedName table, String name) {
            return false;
        }

        @Override
        public int alterTableCountInTransaction(QualifiedName table) {
            return 0;
        }

        @Override
        public int statementIndex() {
            return 0;
        }
    };

    private Classifier() {
    }

    /**
     * The class of a statement judged on its own, as if every table it names existed with rows in
     * it: right for a rollback, which runs after the forward changeset's tables and columns have
     * been written to, even those the forward changeset created.
     */
    public static ChangeClass classifyAlone(StatementShape shape) {
        return classify(shape, NOTHING_KNOWN);
    }

    static ChangeClass classify(StatementShape shape, PlanState state) {
        if (shape instanceof StatementShape.Drop d) {
            if (!DROPS_THAT_DESTROY.contains(d.objectType())) {
                return ChangeClass.ADDITIVE;
            }
            boolean allNew = "TABLE".equals(d.objectType()) && d.names().stream().allMatch(state::createdInPlan);
            return allNew ? ChangeClass.ADDITIVE : ChangeClass.DESTRUCTIVE;
        }
        if (shape instanceof StatementShape.Truncate t) {
            return t.tablesTruncated().stream().allMatch(state::createdInPlan) ? ChangeClass.ADDITIVE : ChangeClass.DESTRUCTIVE;
        }
        if (shape instanceof StatementShape.Dml dml) {
            switch (dml.kind()) {
                case DELETE:
                    return ChangeClass.DESTRUCTIVE;
                case UPDATE:
                    return dml.hasWhere() ? ChangeClass.BACKFILL : ChangeClass.DESTRUCTIVE;
                case MERGE:
                    return ChangeClass.BACKFILL;
                default:
                    return ChangeClass.ADDITIVE;
            }
        }
        if (shape instanceof StatementShape.AlterType at && at.action() == StatementShape.AlterType.Action.RENAME_VALUE) {
            return ChangeClass.DESTRUCTIVE;
        }
        if (shape instanceof StatementShape.OtherDdl o && o.rename()) {
            return ChangeClass.DESTRUCTIVE;
        }
        if (shape instanceof StatementShape.AlterTable alter) {
            if (state.createdInPlan(alter.table())) {
                return ChangeClass.ADDITIVE;
            }
            ChangeClass c = ChangeClass.ADDITIVE;
            for (AlterAction a : alter.actions()) {
                c = c.max(classify(alter, a, state));
            }
            return c;
        }
        return ChangeClass.ADDITIVE;
    }

    private static ChangeClass classify(StatementShape.AlterTable alter, AlterAction a, PlanState state) {
        switch (a.kind()) {
            case DROP_COLUMN:
            case RENAME_COLUMN:
            case RENAME_TABLE:
            case DROP_PRIMARY_KEY:
                return ChangeClass.DESTRUCTIVE;
            case ALTER_COLUMN_TYPE:
            case MODIFY_COLUMN:
                TypeRef to = a.type();
                Optional<TypeRef> from = state.columnType(alter.table(), a.column());
                if (a.kind() == AlterAction.Kind.MODIFY_COLUMN && !a.name().equals(a.column())) {
                    return ChangeClass.DESTRUCTIVE; // CHANGE old new renames
                }
                return mayNarrow(from, to) ? ChangeClass.DESTRUCTIVE : ChangeClass.BACKFILL;
            case OTHER:
                return dropsPartition(a) ? ChangeClass.DESTRUCTIVE : ChangeClass.ADDITIVE;
            default:
                return ChangeClass.ADDITIVE;
        }
    }

    static boolean mayNarrow(Optional<TypeRef> from, TypeRef to) {
        if (to == null) {
            return false;
        }
        if (from.isPresent() && from.get().name().equals(to.name())) {
            int before = from.get().length();
            int after = to.length();
            return after >= 0 && (before < 0 || after < before);
        }
        if (from.isEmpty()) {
            return BOUNDED_TYPES.contains(to.name());
        }
        return !widens(from.get().name(), to.name());
    }

    private static boolean widens(String from, String to) {
        switch (from) {
            case "smallint":
                return Set.of("integer", "bigint", "numeric", "int", "mediumint").contains(to);
            case "integer":
            case "int":
                return Set.of("bigint", "numeric").contains(to);
            case "varchar":
            case "char":
                return "text".equals(to) || "varchar".equals(to) || "longtext".equals(to) || "mediumtext".equals(to);
            case "timestamp":
                return "timestamptz".equals(to);
            case "real":
                return "double precision".equals(to);
            case "json":
                return "jsonb".equals(to);
            case "cidr":
                return "inet".equals(to);
            default:
                return false;
        }
    }

    private static boolean dropsPartition(AlterAction a) {
        for (int i = 0; i + 1 < a.tokens().size(); i++) {
            Token t = a.tokens().get(i);
            if ((t.is("DROP") || t.is("TRUNCATE")) && a.tokens().get(i + 1).is("PARTITION")) {
                return true;
            }
        }
        return false;
    }
}

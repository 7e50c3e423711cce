package io.github.migrationdelivery.engine.sql;

import java.util.List;

/**
 * A table constraint: in CREATE TABLE, or added by ALTER TABLE.
 *
 * @param name            may be empty
 * @param columns         the constrained columns, folded
 * @param notValid        PostgreSQL {@code NOT VALID}
 * @param usingIndex      PostgreSQL {@code USING INDEX name}; empty otherwise
 * @param referencedTable for foreign keys
 * @param expression      CHECK expression tokens (without the parentheses)
 */
public record ConstraintDef(
        Type type,
        String name,
        List<String> columns,
        boolean notValid,
        String usingIndex,
        QualifiedName referencedTable,
        List<Token> expression) {

    public enum Type {
        PRIMARY_KEY, UNIQUE, FOREIGN_KEY, CHECK, EXCLUDE,
        /**
         * Not a constraint: a plain (or FULLTEXT/SPATIAL) secondary index, which MySQL declares among
         * the constraints ({@code KEY k (c)} in CREATE TABLE, {@code ADD INDEX} in ALTER TABLE) and
         * the linter's plan history keeps with the indexes that back constraints.
         */
        INDEX
    }

    /** True for the kinds a server backs with an index: primary keys, unique constraints, plain indexes. */
    public boolean isIndexed() {
        return type == Type.PRIMARY_KEY || type == Type.UNIQUE || type == Type.INDEX;
    }

    public ConstraintDef {
        name = name == null ? "" : name;
        columns = List.copyOf(columns);
        usingIndex = usingIndex == null ? "" : usingIndex;
        expression = List.copyOf(expression);
    }

    /** True for {@code CHECK (col IS NOT NULL)}: lets PostgreSQL 12+ skip the SET NOT NULL scan once validated. */
    public boolean isNotNullCheckOn(String column) {
        return type == Type.CHECK && expression.size() == 4
                && expression.get(0).isIdentifier() && expression.get(0).identifier().equals(column)
                && expression.get(1).is("IS") && expression.get(2).is("NOT") && expression.get(3).is("NULL");
    }
}

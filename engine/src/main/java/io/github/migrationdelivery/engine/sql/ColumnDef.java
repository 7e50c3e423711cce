package io.github.migrationdelivery.engine.sql;

import java.util.List;

/**
 * A column definition in CREATE TABLE, ADD COLUMN or MySQL MODIFY/CHANGE.
 *
 * @param defaultExpr      the DEFAULT expression's tokens, empty when there is none
 * @param checks           the column's own {@code [CONSTRAINT name] CHECK (...)} constraints, as CHECK
 *                         constraints on this column (name empty when unnamed); empty when none
 * @param generatedStored  {@code GENERATED ALWAYS AS (...) STORED} (MySQL: also STORED without GENERATED)
 * @param serial           serial/bigserial/smallserial pseudo-type
 * @param position         MySQL {@code FIRST} or {@code AFTER col}; empty when appended
 */
public record ColumnDef(
        String name,
        TypeRef type,
        List<Token> defaultExpr,
        boolean notNull,
        boolean explicitNull,
        boolean primaryKey,
        boolean unique,
        boolean references,
        List<ConstraintDef> checks,
        boolean generatedStored,
        boolean identity,
        boolean autoIncrement,
        boolean serial,
        String position) {

    public ColumnDef {
        defaultExpr = List.copyOf(defaultExpr);
        checks = List.copyOf(checks);
        position = position == null ? "" : position;
    }

    public boolean hasDefault() {
        return !defaultExpr.isEmpty();
    }
}

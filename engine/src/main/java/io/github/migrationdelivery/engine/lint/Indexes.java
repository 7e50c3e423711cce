package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.lock.MysqlLocks;
import io.github.migrationdelivery.engine.sql.AlterAction;
import io.github.migrationdelivery.engine.sql.ColumnDef;
import io.github.migrationdelivery.engine.sql.ConstraintDef;
import io.github.migrationdelivery.engine.sql.QualifiedName;
import io.github.migrationdelivery.engine.sql.StatementShape;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The B-tree (or hash) indexes a statement gives its table, as {@link ConstraintDef}s: primary
 * keys, unique constraints and indexes, plain indexes. Full-text, spatial, GIN and other index
 * methods serve other lookups, so they are left out. The plan history records these, and the
 * index rules compare a statement's new indexes with the ones the plan made before.
 */
public final class Indexes {

    private static final Set<String> ORDERED_METHODS = Set.of("", "BTREE", "HASH");

    private Indexes() {
    }

    /** A new table's indexes: its primary key and unique columns and constraints, and MySQL's inline KEYs. */
    public static List<ConstraintDef> declared(StatementShape.CreateTable ct) {
        List<ConstraintDef> out = new ArrayList<>();
        for (ColumnDef col : ct.columns()) {
            ConstraintDef index = ofColumn(col);
            if (index != null) {
                out.add(index);
            }
        }
        for (ConstraintDef c : ct.constraints()) {
            if (c.isIndexed() && !c.columns().isEmpty()) {
                out.add(c);
            }
        }
        return out;
    }

    /** The index one ALTER TABLE action adds (ADD CONSTRAINT, MySQL ADD INDEX, ADD COLUMN ... UNIQUE); null when none. */
    public static ConstraintDef added(AlterAction a) {
        switch (a.kind()) {
            case ADD_CONSTRAINT:
                return indexed(a.constraint());
            case ADD_INDEX:
                return MysqlLocks.isFullTextOrSpatial(a) ? null : indexed(a.constraint());
            case ADD_COLUMN:
                return a.definition() == null ? null : ofColumn(a.definition());
            default:
                return null;
        }
    }

    /** The index a CREATE INDEX builds; null for full-text, spatial, GIN, GiST and the like. */
    public static ConstraintDef created(StatementShape.CreateIndex ci) {
        if (!ORDERED_METHODS.contains(ci.method()) || ci.columns().isEmpty()) {
            return null;
        }
        return new ConstraintDef(ci.unique() ? ConstraintDef.Type.UNIQUE : ConstraintDef.Type.INDEX, ci.name(),
                ci.columns(), false, "", null, List.of());
    }

    /** Every index the statement gives its table, in the order it declares them. */
    public static List<ConstraintDef> addedBy(StatementShape shape) {
        if (shape instanceof StatementShape.CreateTable ct) {
            return declared(ct);
        }
        if (shape instanceof StatementShape.CreateIndex ci) {
            ConstraintDef index = created(ci);
            return index == null ? List.of() : List.of(index);
        }
        if (shape instanceof StatementShape.AlterTable at) {
            List<ConstraintDef> out = new ArrayList<>();
            for (AlterAction a : at.actions()) {
                ConstraintDef index = added(a);
                if (index != null) {
                    out.add(index);
                }
            }
            return out;
        }
        return List.of();
    }

    /** The table a CREATE TABLE, CREATE INDEX or ALTER TABLE gives indexes to; null for other statements. */
    public static QualifiedName table(StatementShape shape) {
        if (shape instanceof StatementShape.CreateTable ct) {
            return ct.table();
        }
        if (shape instanceof StatementShape.CreateIndex ci) {
            return ci.table();
        }
        return shape instanceof StatementShape.AlterTable at ? at.table() : null;
    }

    /** True when the first columns of {@code index} are {@code prefix}, in order (names compared without case, as MySQL does). */
    public static boolean startsWith(List<String> index, List<String> prefix) {
        if (prefix.size() > index.size()) {
            return false;
        }
        for (int i = 0; i < prefix.size(); i++) {
            if (!fold(index.get(i)).equals(fold(prefix.get(i)))) {
                return false;
            }
        }
        return true;
    }

    private static String fold(String column) {
        return column.toLowerCase(Locale.ROOT);
    }

    private static ConstraintDef indexed(ConstraintDef c) {
        return c != null && c.isIndexed() && !c.columns().isEmpty() ? c : null;
    }

    /** The index a column's own PRIMARY KEY or UNIQUE gives it; null when it has neither. */
    private static ConstraintDef ofColumn(ColumnDef col) {
        if (!col.primaryKey() && !col.unique()) {
            return null;
        }
        return new ConstraintDef(col.primaryKey() ? ConstraintDef.Type.PRIMARY_KEY : ConstraintDef.Type.UNIQUE, "",
                List.of(col.name()), false, "", null, List.of());
    }
}

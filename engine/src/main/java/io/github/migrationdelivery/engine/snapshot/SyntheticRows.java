package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.snapshot.SyntheticCatalog.Column;
import io.github.migrationdelivery.engine.snapshot.SyntheticCatalog.ForeignKey;
import io.github.migrationdelivery.engine.snapshot.SyntheticCatalog.Table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The set-based {@code INSERT ... SELECT ... FROM <rows 1..n>} of each table, for any server
 * (its SQL comes from {@link SyntheticValues}).
 *
 * <p>Every value is an SQL expression of an integer {@code k}: the same k gives the same value, and
 * different k give different values (as far as the type allows). Row g of a table uses k = g for
 * columns of a unique set (so keys are distinct) and a random k among the column's distinct count
 * for the others (so the source's distinct count is kept). A foreign key column takes the value the
 * parent's referenced column has for a chosen parent row: the parent's expression with k = that
 * row's g, so every reference exists without reading the parent back.
 */
final class SyntheticRows {

    private static final int MAX_DEPTH = 16;
    /**
     * Knuth's multiplicative hash: the parent row of a foreign key of several columns, spread over
     * the parents yet the same for each of its columns (a random draw would differ per column).
     */
    private static final long SPREAD = 2654435761L;

    private final Map<Long, Table> tables;
    private final Map<Long, Long> rows;
    private final SyntheticValues sql;
    private final List<Table> order;

    SyntheticRows(Map<Long, Table> tables, double scale, SyntheticValues sql) {
        this.tables = tables;
        this.sql = sql;
        Set<Long> done = new LinkedHashSet<>();
        for (Table t : tables.values()) {
            visit(t, done, new LinkedHashSet<>());
        }
        this.order = done.stream().map(tables::get).toList();
        this.rows = new HashMap<>();
        for (Table t : order) { // parents first: a child's cap needs its parents' rows
            // A table that has rows keeps one at least: its children may need a parent row.
            long n = t.sourceRows() == 0 ? 0 : Math.max(1, Math.round(t.sourceRows() * scale));
            rows.put(t.id(), Math.min(n, keySpace(t)));
        }
    }

    /**
     * How many rows a unique set made of foreign keys allows: the product of the parents' rows
     * (one per parent for a 1:1 table, one per pair for a join table); unlimited otherwise.
     */
    private long keySpace(Table t) {
        long space = Long.MAX_VALUE;
        for (List<Integer> set : t.uniqueSets()) {
            List<ForeignKey> covering = t.foreignKeys().stream()
                    .filter(fk -> set.containsAll(fk.columns()) && tables.containsKey(fk.parentId())).toList();
            Set<Integer> covered = new LinkedHashSet<>();
            covering.forEach(fk -> covered.addAll(fk.columns()));
            // A parent without a count yet is in a cycle with t: no bound from it.
            if (covering.isEmpty() || !covered.containsAll(set)
                    || !covering.stream().allMatch(fk -> rows.containsKey(fk.parentId()))) {
                continue;
            }
            long product = 1;
            for (ForeignKey fk : covering) {
                long parentRows = rows.get(fk.parentId());
                product = parentRows != 0 && product > Long.MAX_VALUE / parentRows ? Long.MAX_VALUE : product * parentRows;
            }
            space = Math.min(space, product);
        }
        return space;
    }

    long rows(Table t) {
        return rows.get(t.id());
    }

    /** Parents before children, so a server that checks foreign keys row by row finds every parent. */
    List<Table> dependencyOrder() {
        return order;
    }

    /** Whether t references a table that comes after it or itself (a cycle): its references cannot be checked as rows go in. */
    boolean cyclic(Table t) {
        int at = order.indexOf(t);
        return t.foreignKeys().stream().anyMatch(fk -> tables.containsKey(fk.parentId())
                && order.indexOf(tables.get(fk.parentId())) >= at);
    }

    private void visit(Table t, Set<Long> done, Set<Long> path) {
        if (done.contains(t.id()) || !path.add(t.id())) {
            return; // done, or a cycle: cyclic() tells the server
        }
        for (ForeignKey fk : t.foreignKeys()) {
            if (tables.containsKey(fk.parentId())) {
                visit(tables.get(fk.parentId()), done, path);
            }
        }
        done.add(t.id());
    }

    /** The INSERT of a table, or empty when it gets no rows. */
    Optional<String> insert(Table t) {
        long n = rows(t);
        if (n == 0) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Column c : t.columns()) {
            if (c.generated()) {
                continue;
            }
            Optional<String> value = value(t, c, "g", 0);
            if (value.isEmpty()) {
                if (c.notNull() && !c.hasDefault()) {
                    throw EngineException.badInput("synthetic: cannot generate values of type " + c.type()
                            + " for " + t.displayName() + "." + c.name() + " (NOT NULL, no default)");
                }
                continue; // its default or NULL
            }
            names.add(sql.quote(c.name()));
            values.add(value.get());
        }
        return Optional.of(sql.insert(t, names, "SELECT " + String.join(", ", values) + " FROM " + sql.series(n)));
    }

    /** The value of column c in row {@code g} (an SQL expression); empty when its type is not supported. */
    private Optional<String> value(Table t, Column c, String g, int depth) {
        if (depth > MAX_DEPTH) {
            throw EngineException.badInput("synthetic: foreign keys through " + t.displayName()
                    + " nest deeper than " + MAX_DEPTH + " levels");
        }
        Optional<ForeignKey> fk = t.foreignKeys().stream().filter(f -> f.columns().contains(c.position())).findFirst();
        if (fk.isPresent() && tables.containsKey(fk.get().parentId())) {
            ForeignKey f = fk.get();
            Table parent = tables.get(f.parentId());
            long parentRows = rows.get(parent.id());
            if (parentRows == 0) {
                return Optional.of("NULL");
            }
            boolean key = isKeyForeignKey(t, f);
            String pick = key ? keyPick(t, f, g)
                    : f.columns().size() > 1 ? "(1 + ((" + g + ") * " + SPREAD + ") % " + parentRows + ")"
                    : sql.randomUpTo(parentRows);
            Column pc = parent.column(f.parentColumns().get(f.columns().indexOf(c.position())));
            return value(parent, pc, pick, depth + 1).map(v -> withNulls(c, v, !key));
        }
        if (inUniqueSet(t, c)) {
            return sql.typed(c, g, true);
        }
        return sql.typed(c, sql.randomUpTo(distinct(t, c)), false).map(v -> withNulls(c, v, true));
    }

    /**
     * The parent row a key foreign key column refers to in row g: deterministic, so the key stays
     * distinct. Foreign keys that together make the whole unique set (a join table) count in mixed
     * radix, so (a, b) pairs are distinct; a single one wraps around the parent's rows.
     */
    private String keyPick(Table t, ForeignKey f, String g) {
        for (List<Integer> set : t.uniqueSets()) {
            if (!set.containsAll(f.columns())) {
                continue;
            }
            List<ForeignKey> covering = t.foreignKeys().stream().filter(x -> set.containsAll(x.columns())).toList();
            Set<Integer> covered = new LinkedHashSet<>();
            covering.forEach(x -> covered.addAll(x.columns()));
            if (covered.containsAll(set) && covering.size() > 1) {
                long radix = 1;
                for (ForeignKey x : covering) {
                    if (x.equals(f)) {
                        return "(" + sql.divide("(" + g + ") - 1", radix) + " % " + rows.get(f.parentId()) + " + 1)";
                    }
                    radix *= Math.max(1, rows.get(x.parentId()));
                }
            }
        }
        return "(((" + g + ") - 1) % " + rows.get(f.parentId()) + " + 1)";
    }

    private String withNulls(Column c, String value, boolean mayBeNull) {
        if (!mayBeNull || c.notNull() || c.nullFrac() <= 0) {
            return value;
        }
        return "CASE WHEN " + sql.chance(c.nullFrac()) + " THEN NULL ELSE " + value + " END";
    }

    /** Distinct values of a column: nDistinct (negative: a fraction of the rows). */
    private long distinct(Table t, Column c) {
        long n = Math.max(1, rows(t));
        if (c.nDistinct() > 0) {
            return Math.max(1, Math.round(c.nDistinct()));
        }
        if (c.nDistinct() < 0) {
            return Math.max(1, Math.round(-c.nDistinct() * n));
        }
        return n; // no statistics: assume mostly distinct
    }

    private boolean inUniqueSet(Table t, Column c) {
        return t.uniqueSets().stream().anyMatch(s -> s.contains(c.position()));
    }

    private boolean isKeyForeignKey(Table t, ForeignKey fk) {
        return t.uniqueSets().stream().anyMatch(s -> s.stream().anyMatch(fk.columns()::contains));
    }

}

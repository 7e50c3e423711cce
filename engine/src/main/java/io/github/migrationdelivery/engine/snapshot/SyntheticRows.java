package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.snapshot.SyntheticCatalog.Column;
import io.github.migrationdelivery.engine.snapshot.SyntheticCatalog.ForeignKey;
import io.github.migrationdelivery.engine.snapshot.SyntheticCatalog.Table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The set-based {@code INSERT ... SELECT ... FROM generate_series(1, n) g} of each table.
 *
 * <p>Every value is an SQL expression of an integer {@code k}: the same k gives the same value, and
 * different k give different values (as far as the type allows). Row g of a table uses k = g for
 * columns of a unique set (so keys are distinct) and a random k among the column's distinct count
 * for the others (so pg_stats' n_distinct is kept). A foreign key column takes the value the
 * parent's referenced column has for a chosen parent row: the parent's expression with k = that
 * row's g, so every reference exists without reading the parent back.
 */
final class SyntheticRows {

    private static final int MAX_DEPTH = 16;

    private final Map<Long, Table> tables;
    private final Map<Long, Long> rows;

    SyntheticRows(Map<Long, Table> tables, double scale) {
        this.tables = tables;
        Map<Long, Long> r = new HashMap<>();
        tables.values().forEach(t -> r.put(t.oid(), Math.round(t.sourceRows() * scale)));
        // A table whose unique key is also a foreign key (1:1) cannot have more rows than its parent.
        tables.values().forEach(t -> keyForeignKeys(t).forEach(fk -> {
            if (uniqueCoveredBy(t, fk)) {
                r.put(t.oid(), Math.min(r.get(t.oid()), r.get(fk.parentOid())));
            }
        }));
        this.rows = r;
    }

    long rows(Table t) {
        return rows.get(t.oid());
    }

    /** Parents before children (foreign keys are created after the data anyway; this keeps it readable in logs). */
    List<Table> dependencyOrder() {
        Set<Long> done = new LinkedHashSet<>();
        for (Table t : tables.values()) {
            visit(t, done, new LinkedHashSet<>());
        }
        return done.stream().map(tables::get).toList();
    }

    private void visit(Table t, Set<Long> done, Set<Long> path) {
        if (done.contains(t.oid()) || !path.add(t.oid())) {
            return; // done, or a cycle: any order works since constraints come later
        }
        for (ForeignKey fk : t.foreignKeys()) {
            if (tables.containsKey(fk.parentOid())) {
                visit(tables.get(fk.parentOid()), done, path);
            }
        }
        done.add(t.oid());
    }

    /** The INSERT of a table, or empty when it gets no rows. */
    Optional<String> insert(Table t) {
        long n = rows(t);
        if (n == 0) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        Map<ForeignKey, String> randomPick = new LinkedHashMap<>();
        for (ForeignKey fk : t.foreignKeys()) {
            if (!isKeyForeignKey(t, fk)) {
                randomPick.put(fk, "fk" + randomPick.size());
            }
        }
        boolean overriding = false;
        for (Column c : t.columns()) {
            if (c.generated()) {
                continue;
            }
            Optional<String> value = value(t, c, "g", randomPick, 0);
            if (value.isEmpty()) {
                if (c.notNull() && !c.hasDefault()) {
                    throw EngineException.badInput("synthetic: cannot generate values of type " + c.formatType()
                            + " for " + t.schema() + "." + t.name() + "." + c.name() + " (NOT NULL, no default)");
                }
                continue; // its default or NULL
            }
            names.add(ServerSql.quote(Dialect.POSTGRESQL, c.name()));
            values.add(value.get());
            overriding |= c.identityAlways();
        }
        StringBuilder inner = new StringBuilder("SELECT g");
        randomPick.forEach((fk, alias) -> inner.append(", (1 + floor(random() * ")
                .append(rows.get(fk.parentOid())).append("))::bigint AS ").append(alias));
        inner.append(" FROM generate_series(1::bigint, ").append(n).append(") AS g");
        return Optional.of("INSERT INTO " + t.qualified() + " (" + String.join(", ", names) + ")"
                + (overriding ? " OVERRIDING SYSTEM VALUE" : "")
                + " SELECT " + String.join(", ", values) + " FROM (" + inner + ") AS s");
    }

    /** The value of column c in row {@code g} (an SQL expression); empty when its type is not supported. */
    private Optional<String> value(Table t, Column c, String g, Map<ForeignKey, String> randomPick, int depth) {
        if (depth > MAX_DEPTH) {
            throw EngineException.badInput("synthetic: foreign keys through " + t.schema() + "." + t.name()
                    + " nest deeper than " + MAX_DEPTH + " levels");
        }
        Optional<ForeignKey> fk = t.foreignKeys().stream().filter(f -> f.columns().contains(c.attnum())).findFirst();
        if (fk.isPresent() && tables.containsKey(fk.get().parentOid())) {
            ForeignKey f = fk.get();
            Table parent = tables.get(f.parentOid());
            long parentRows = rows.get(parent.oid());
            if (parentRows == 0) {
                return Optional.of("NULL");
            }
            String pick = randomPick.containsKey(f) && depth == 0 ? randomPick.get(f) : keyPick(t, f, g);
            Column pc = parent.column(f.parentColumns().get(f.columns().indexOf(c.attnum())));
            return value(parent, pc, pick, Map.of(), depth + 1).map(v -> withNulls(c, v, randomPick.containsKey(f)));
        }
        if (inUniqueSet(t, c)) {
            return typed(c, g, true);
        }
        long d = distinct(t, c);
        String k = "(1 + floor(random() * " + d + "))::bigint";
        return typed(c, k, false).map(v -> withNulls(c, v, true));
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
                        return "(((" + g + ") - 1) / " + radix + " % " + rows.get(f.parentOid()) + " + 1)";
                    }
                    radix *= Math.max(1, rows.get(x.parentOid()));
                }
            }
        }
        return "(((" + g + ") - 1) % " + rows.get(f.parentOid()) + " + 1)";
    }

    private String withNulls(Column c, String value, boolean mayBeNull) {
        if (!mayBeNull || c.notNull() || c.nullFrac() <= 0) {
            return value;
        }
        return "CASE WHEN random() < " + c.nullFrac() + " THEN NULL ELSE " + value + " END";
    }

    /** Distinct values of a column: pg_stats' n_distinct (negative: a fraction of the rows). */
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
        return t.uniqueSets().stream().anyMatch(s -> s.contains(c.attnum()));
    }

    private boolean isKeyForeignKey(Table t, ForeignKey fk) {
        return t.uniqueSets().stream().anyMatch(s -> s.stream().anyMatch(fk.columns()::contains));
    }

    private List<ForeignKey> keyForeignKeys(Table t) {
        return t.foreignKeys().stream().filter(fk -> isKeyForeignKey(t, fk) && tables.containsKey(fk.parentOid())).toList();
    }

    private boolean uniqueCoveredBy(Table t, ForeignKey fk) {
        return t.uniqueSets().stream().anyMatch(s -> fk.columns().containsAll(s));
    }

    /**
     * A value of the column's type for integer expression k, cast to the column's type (domains check
     * themselves). Keys get at least enough text width to stay distinct.
     */
    private static Optional<String> typed(Column c, String k, boolean key) {
        String t = c.baseType().toLowerCase(Locale.ROOT);
        String v;
        if (c.typtype() == 'e') {
            v = "(enum_range(NULL::" + c.formatType() + "))[((" + k + ") - 1) % " + Math.max(1, c.enumLabels()) + " + 1]";
            return Optional.of(v);
        }
        switch (t) {
            case "int2" -> v = "((" + k + ") - 1) % 32767 + 1";
            case "int4", "int8", "oid" -> v = "(" + k + ")";
            case "numeric" -> v = numeric(c, k);
            case "float4", "float8" -> v = "(" + k + ") * 1.5";
            case "money" -> v = "(" + k + ")::numeric";
            case "bool" -> v = "(" + k + ") % 2 = 0";
            case "text", "varchar", "bpchar", "name", "citext" -> v = text(c, k, key);
            case "uuid" -> v = "md5((" + k + ")::text)::uuid";
            case "date" -> v = "date '2000-01-01' + ((" + k + ") % 2000000)::int";
            case "timestamp", "timestamptz" -> v = "timestamp '2020-01-01' + (" + k + ") * interval '37 seconds'";
            case "time", "timetz" -> v = "time '00:00' + ((" + k + ") % 86400) * interval '1 second'";
            case "interval" -> v = "(" + k + ") * interval '1 minute'";
            case "json", "jsonb" -> v = "json_build_object('k', " + k + ")";
            case "bytea" -> v = "decode(md5((" + k + ")::text), 'hex')";
            case "inet" -> v = "'10.0.0.0'::inet + (" + k + ")";
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of("CAST(" + v + " AS " + c.formatType() + ")");
    }

    private static String numeric(Column c, String k) {
        if (c.typmod() < 4) {
            return "(" + k + ")::numeric";
        }
        int precision = (c.typmod() - 4) >> 16;
        int scale = (c.typmod() - 4) & 0xffff;
        int digits = Math.max(1, Math.min(18, precision - scale));
        return "((" + k + ") % " + (long) Math.pow(10, digits) + ")::numeric";
    }

    private static String text(Column c, String k, boolean key) {
        int max = c.typmod() > 4 ? c.typmod() - 4 : Integer.MAX_VALUE;
        int width = c.avgWidth() > 1 ? c.avgWidth() - 1 : 12; // avg_width counts the varlena header
        if (key) {
            width = Math.max(width, 12);
        }
        width = Math.max(1, Math.min(width, max));
        // The number first keeps values distinct; md5 pads them to the source's average width.
        return "rpad((" + k + ")::text || '-', " + width + ", md5((" + k + ")::text))";
    }
}

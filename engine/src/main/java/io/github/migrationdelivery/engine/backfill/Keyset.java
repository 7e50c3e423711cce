package io.github.migrationdelivery.engine.backfill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Keyset arithmetic on a table's key: the comparisons that bound a batch, reading and binding key
 * values of each type, and the text form the checkpoint stores (a JSON array of strings).
 * PostgreSQL compares row values with an index range scan; MariaDB does not use an index for
 * {@code (a, b) > (?, ?)}, so there the comparison is spelled out column by column behind a
 * range on the first column.
 */
final class Keyset {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A SQL fragment and the values its parameters take, in order. */
    record Condition(String sql, List<Object> params) {
    }

    private final TableKey key;
    private final boolean rowValues;

    Keyset(TableKey key, boolean rowValues) {
        this.key = key;
        this.rowValues = rowValues;
    }

    TableKey key() {
        return key;
    }

    /** {@code key > value} ({@code op} is {@code >}), {@code key >= value} or {@code key <= value}, lexicographically. */
    Condition compare(String op, List<Object> value) {
        List<TableKey.Column> cols = key.columns();
        if (cols.size() == 1) {
            return new Condition(cols.get(0).quoted() + " " + op + " ?", List.of(value.get(0)));
        }
        if (rowValues) {
            String marks = cols.stream().map(c -> "?").collect(Collectors.joining(", "));
            return new Condition("(" + key.columnList() + ") " + op + " (" + marks + ")", value);
        }
        List<Object> params = new ArrayList<>();
        String leading = cols.get(0).quoted() + (op.equals("<=") ? " <= ?" : " >= ?");
        params.add(value.get(0));
        String strict = op.equals("<=") ? "<" : ">";
        String expanded = expand(cols, value, 0, op, strict, params);
        return new Condition("(" + leading + " AND " + expanded + ")", params);
    }

    /** {@code a S x OR (a = x AND (b S y OR (b = y AND c OP z)))}. */
    private static String expand(List<TableKey.Column> cols, List<Object> value, int i, String op, String strict,
                                 List<Object> params) {
        String col = cols.get(i).quoted();
        params.add(value.get(i));
        if (i == cols.size() - 1) {
            return col + " " + op + " ?";
        }
        String head = col + " " + strict + " ?";
        params.add(value.get(i));
        String rest = expand(cols, value, i + 1, op, strict, params);
        return "(" + head + " OR (" + col + " = ? AND " + rest + "))";
    }

    /** Both bounds of a batch, inclusive. */
    Condition between(List<Object> lo, List<Object> hi) {
        Condition from = compare(">=", lo);
        Condition to = compare("<=", hi);
        List<Object> params = new ArrayList<>(from.params());
        params.addAll(to.params());
        return new Condition(from.sql() + " AND " + to.sql(), params);
    }

    static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    /** The key of the current row, columns 1..n of the result. */
    List<Object> read(ResultSet rs) throws SQLException {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < key.columns().size(); i++) {
            int col = i + 1;
            out.add(switch (key.columns().get(i).type()) {
                case INTEGER -> rs.getLong(col);
                case DECIMAL -> rs.getBigDecimal(col);
                case UUID -> {
                    Object o = rs.getObject(col);
                    yield o instanceof UUID u ? u : UUID.fromString(o.toString());
                }
                case TEXT -> rs.getString(col);
            });
        }
        return List.copyOf(out);
    }

    /** The checkpoint's text for a key. */
    String encode(List<Object> value) {
        try {
            return JSON.writeValueAsString(value.stream().map(String::valueOf).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }

    /** A key from the checkpoint's text, typed as the key's columns are now. */
    List<Object> decode(String text) {
        List<?> parts;
        try {
            parts = JSON.readValue(text, List.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON array: " + text, e);
        }
        if (parts.size() != key.columns().size()) {
            throw new IllegalArgumentException("has " + parts.size() + " key values, the key " + key.displayColumns()
                    + " has " + key.columns().size());
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String s = String.valueOf(parts.get(i));
            out.add(switch (key.columns().get(i).type()) {
                case INTEGER -> Long.parseLong(s);
                case DECIMAL -> new BigDecimal(s);
                case UUID -> UUID.fromString(s);
                case TEXT -> s;
            });
        }
        return List.copyOf(out);
    }

    /** {@code id=42} or {@code (tenant_id, id)=(3, 42)}: a key as messages show it. */
    String display(List<Object> value) {
        String values = value.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return key.displayColumns() + "=" + (value.size() == 1 ? values : "(" + values + ")");
    }

    /** {@code id 1001..2000}: a batch's bounds as messages show them. */
    String displayRange(List<Object> lo, List<Object> hi) {
        return key.displayColumns() + " " + bare(lo) + ".." + bare(hi);
    }

    private static String bare(List<Object> value) {
        String values = value.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return value.size() == 1 ? values : "(" + values + ")";
    }
}

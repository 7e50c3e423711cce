package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Rule;
import io.github.migrationdelivery.engine.lint.RuleCategory;
import io.github.migrationdelivery.engine.lint.RuleInfo;
import io.github.migrationdelivery.engine.lint.Severity;
import io.github.migrationdelivery.engine.lint.StatementContext;
import io.github.migrationdelivery.engine.lock.LockImpact;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.ColumnDef;
import io.github.migrationdelivery.engine.sql.Cursor;
import io.github.migrationdelivery.engine.sql.StatementShape;
import io.github.migrationdelivery.engine.sql.Token;
import io.github.migrationdelivery.engine.sql.TypeRef;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PG-TBL-02: a CREATE TABLE whose column order makes PostgreSQL pad every row. Each fixed-width
 * value starts at a multiple of its type's alignment, so a boolean before a bigint wastes 7 bytes
 * per row; the order 8-, 4-, 2-, 1-byte aligned, then variable-length wastes none. Opt-in: the
 * saving matters for tall tables, and column order is also a readability choice.
 */
public final class PreferAlignedColumnOrder implements Rule {

    private static final RuleInfo INFO = new RuleInfo("prefer-aligned-column-order", Severity.INFO,
            Set.of(Dialect.POSTGRESQL), "CREATE TABLE whose column order wastes 8 bytes or more of alignment padding per row",
            true, RuleCategory.DESIGN);

    /** Reported from this saving on: one MAXALIGN unit per row. */
    static final int MIN_SAVED_BYTES = 8;

    /** A fixed-width type's length and alignment (pg_type.typlen, typalign). */
    record Width(int length, int align) {
    }

    private static final Map<String, Width> FIXED = fixedWidths();

    private static Map<String, Width> fixedWidths() {
        Map<String, Width> m = new HashMap<>();
        for (String t : List.of("bigint", "bigserial", "double precision", "timestamp", "timestamptz", "time", "money")) {
            m.put(t, new Width(8, 8));
        }
        m.put("timetz", new Width(12, 8));
        m.put("interval", new Width(16, 8));
        for (String t : List.of("integer", "serial", "real", "date", "oid")) {
            m.put(t, new Width(4, 4));
        }
        m.put("smallint", new Width(2, 2));
        m.put("smallserial", new Width(2, 2));
        m.put("boolean", new Width(1, 1));
        m.put("uuid", new Width(16, 1));
        return Map.copyOf(m);
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public void check(StatementContext ctx) {
        if (!(ctx.shape() instanceof StatementShape.CreateTable ct) || ct.asSelect() || ct.partitionOf()
                || ct.columns().isEmpty()) {
            return;
        }
        List<ColumnDef> declared = ct.columns();
        List<ColumnDef> reordered = reordered(declared);
        int saved = padding(declared) - padding(reordered);
        if (saved < MIN_SAVED_BYTES) {
            return;
        }
        String rewrite = rewrite(ctx.tokens(), reordered);
        ctx.report(LockImpact.NONE, false, "The column order of " + SafeRewrites.name(ct.table()) + " makes PostgreSQL pad "
                        + "every row with " + saved + " bytes more than needed: each fixed-width value starts at a multiple"
                        + " of its alignment (8 for bigint and timestamps, 4 for integer and date, 2 for smallint), so a"
                        + " narrow column before a wide one leaves a gap. Ordering columns 8-, 4-, 2-, 1-byte aligned, then"
                        + " variable-length, saves it on every row; it can only be done"
                        + " cheaply now, before the table holds rows.",
                rewrite.isEmpty() ? "-- declare the columns in this order: " + String.join(", ",
                        reordered.stream().map(c -> SafeRewrites.ident(c.name())).toList()) : rewrite);
    }

    /** The type's width, or null for variable-length types and types the rule does not know. */
    static Width width(TypeRef type) {
        if (type == null || type.array()) {
            return null;
        }
        if ("char".equals(type.name()) && "\"char\"".equals(type.text())) {
            return new Width(1, 1);
        }
        return FIXED.get(type.name());
    }

    /**
     * Bytes of alignment padding between the fixed-width columns of a row, in this order, with
     * every column holding a value. Variable-length columns are left out: their length varies, and
     * values under 127 bytes carry a 1-byte header and need no alignment.
     */
    static int padding(List<ColumnDef> columns) {
        int offset = 0; // the row's data starts at a MAXALIGN (8-byte) boundary
        int padding = 0;
        for (ColumnDef c : columns) {
            Width w = width(c.type());
            if (w != null) {
                int gap = (w.align() - offset % w.align()) % w.align();
                padding += gap;
                offset += gap + w.length();
            }
        }
        return padding;
    }

    /** Widest alignment first, variable-length last, the declared order kept within each group. */
    static List<ColumnDef> reordered(List<ColumnDef> columns) {
        List<ColumnDef> out = new ArrayList<>(columns);
        out.sort(Comparator.comparingInt(c -> {
            Width w = width(c.type());
            return w == null ? 0 : -w.align();
        }));
        return out;
    }

    /** The CREATE TABLE with its column definitions in {@code order}, constraints after them as written; empty when the text does not split cleanly. */
    private static String rewrite(List<Token> tokens, List<ColumnDef> order) {
        List<Token> body = SafeRewrites.withoutSemicolon(tokens);
        int open = -1;
        int close = -1;
        int depth = 0;
        for (int i = 0; i < body.size() && close < 0; i++) {
            if (body.get(i).isSymbol("(")) {
                open = open < 0 ? i : open;
                depth++;
            } else if (body.get(i).isSymbol(")") && --depth == 0) {
                close = i;
            }
        }
        if (close < 0) {
            return "";
        }
        Map<String, List<Token>> definitions = new HashMap<>();
        List<List<Token>> others = new ArrayList<>();
        Set<String> names = new HashSet<>(order.stream().map(ColumnDef::name).toList());
        for (List<Token> element : Cursor.splitTopLevel(body.subList(open + 1, close))) {
            String first = element.isEmpty() || !element.get(0).isIdentifier() ? "" : element.get(0).identifier();
            if (names.contains(first) && !definitions.containsKey(first)) {
                definitions.put(first, element);
            } else if (!element.isEmpty()) {
                others.add(element);
            }
        }
        if (definitions.size() != order.size()) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        order.forEach(c -> lines.add("    " + SafeRewrites.render(definitions.get(c.name()))));
        others.forEach(e -> lines.add("    " + SafeRewrites.render(e)));
        String after = SafeRewrites.render(body.subList(close + 1, body.size()));
        return SafeRewrites.render(body.subList(0, open + 1)) + "\n" + String.join(",\n", lines) + "\n)"
                + (after.isEmpty() ? "" : " " + after) + ";";
    }
}

package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.sql.QualifiedName;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How many rows production tables hold, as far as the team told the linter: {@code lint.tableRows}
 * in the configuration (pasted by a DBA) or estimates read by {@code lint --table-stats}. Lint is
 * offline, so this is the only size it knows. Lock findings quote it, and DDL on a table of at
 * least {@code largeTableRows} rows is routed to an online schema change tool on MySQL/MariaDB.
 *
 * @param rows           table name ({@code orders} or {@code schema.orders}, case-insensitive) to rows
 * @param largeTableRows the size from which a table counts as large
 */
public record TableRows(Map<String, Long> rows, long largeTableRows) {

    /** {@code lint.largeTableRows} when not configured. */
    public static final long DEFAULT_LARGE_TABLE_ROWS = 1_000_000;

    public TableRows {
        Map<String, Long> folded = new HashMap<>();
        rows.forEach((table, n) -> folded.put(fold(table), n));
        rows = Map.copyOf(folded);
    }

    public static TableRows none() {
        return new TableRows(Map.of(), DEFAULT_LARGE_TABLE_ROWS);
    }

    /** These sizes with {@code more} added; {@code more} wins for a table in both. */
    public TableRows with(Map<String, Long> more) {
        Map<String, Long> all = new HashMap<>(rows);
        more.forEach((table, n) -> all.put(fold(table), n));
        return new TableRows(all, largeTableRows);
    }

    /** The table's rows: by its qualified name first, then by its name alone; empty when not known. */
    public OptionalLong of(QualifiedName table) {
        Long n = table.qualified() ? rows.get(fold(table.toString())) : null;
        if (n == null) {
            n = rows.get(fold(table.name()));
        }
        return n == null ? OptionalLong.empty() : OptionalLong.of(n);
    }

    /** True when the table is known to hold at least {@link #largeTableRows} rows. */
    public boolean large(QualifiedName table) {
        OptionalLong n = of(table);
        return n.isPresent() && n.getAsLong() >= largeTableRows;
    }

    /** {@code orders (≈12 M rows)} when the size is known, else the name alone. */
    public String label(QualifiedName table, String shownName) {
        OptionalLong n = of(table);
        return n.isPresent() ? shownName + " (" + approximately(n.getAsLong()) + ")" : shownName;
    }

    /** A row count as a DBA reads it: ≈850 rows, ≈12 k rows, ≈1.5 M rows, ≈2.1 billion rows. */
    public static String approximately(long rows) {
        if (rows < 1_000) {
            return "≈" + rows + (rows == 1 ? " row" : " rows");
        }
        if (rows < 1_000_000) {
            return "≈" + scaled(rows, 1_000) + " k rows";
        }
        if (rows < 1_000_000_000) {
            return "≈" + scaled(rows, 1_000_000) + " M rows";
        }
        return "≈" + scaled(rows, 1_000_000_000) + " billion rows";
    }

    /** One decimal below 10 (1.5 M), none above (12 M). */
    private static String scaled(long rows, long unit) {
        double v = (double) rows / unit;
        return v < 9.95 ? String.format(Locale.ROOT, "%.1f", v).replace(".0", "") : Long.toString(Math.round(v));
    }

    private static String fold(String table) {
        return table.toLowerCase(Locale.ROOT);
    }
}

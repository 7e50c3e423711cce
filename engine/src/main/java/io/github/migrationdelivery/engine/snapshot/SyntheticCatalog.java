package io.github.migrationdelivery.engine.snapshot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code synthetic:} knows of its source, in the same words for every server: tables with
 * their row counts, columns with type and statistics, unique column sets and foreign keys. Read
 * by {@link SyntheticServer#read}, which only reads; no value of the source is ever in here.
 *
 * @param tables by id (PostgreSQL: the oid), in the order the server listed them
 * @param notes  what a report should say about how it was read (e.g. estimated row counts)
 */
record SyntheticCatalog(Map<Long, Table> tables, List<String> notes) {

    /** Text and binary values without statistics get this many characters (bytes). */
    static final int DEFAULT_WIDTH = 12;

    SyntheticCatalog {
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        notes = List.copyOf(notes);
    }

    /**
     * @param position   the column's number in its table (PostgreSQL attnum, MariaDB ORDINAL_POSITION)
     * @param type       the type as the server writes it ({@code numeric(10,2)}, {@code int(10) unsigned})
     * @param baseType   the lower-case type name values are chosen by (a domain's base type; {@code json}
     *                   for a MariaDB JSON column, which the server keeps as longtext)
     * @param length     the maximum length of a character or binary type; 0 when unlimited
     * @param precision  total digits of a decimal (bits of a MariaDB bit); 0 when unlimited
     * @param scale      digits after the point of a decimal
     * @param labels     the allowed values of an enum or set, as SQL string literals; empty for other types
     * @param nullFrac   the fraction of NULLs (0 without statistics)
     * @param nDistinct  distinct non-null values as pg_stats counts them: &gt; 0 a number, &lt; 0 minus a
     *                   fraction of the rows, 0 unknown
     * @param avgLength  average length of a value in characters (bytes); 0 unknown
     */
    record Column(int position, String name, String type, String baseType, boolean notNull, boolean hasDefault,
                  boolean identityAlways, boolean generated, int length, int precision, int scale,
                  List<String> labels, double nullFrac, double nDistinct, int avgLength) {

        Column {
            labels = List.copyOf(labels);
        }

        /** Characters of a generated text value: the source's average, at least enough for a distinct key, within the type. */
        int textWidth(boolean key) {
            int width = avgLength > 0 ? avgLength : DEFAULT_WIDTH;
            if (key) {
                width = Math.max(width, DEFAULT_WIDTH);
            }
            return Math.max(1, Math.min(width, length > 0 ? length : Integer.MAX_VALUE));
        }

        /** Digits before the point a decimal value may use (at most 18, so any long fits); 0 when unlimited. */
        int integerDigits() {
            return precision <= 0 ? 0 : Math.max(1, Math.min(18, precision - scale));
        }
    }

    /** A foreign key; columns are positions in the child, parentColumns positions in the parent, pairwise. */
    record ForeignKey(String name, List<Integer> columns, long parentId, List<Integer> parentColumns) {
    }

    /**
     * @param schema     PostgreSQL: the schema; MariaDB: the source database (for messages only)
     * @param sourceRows the source's row count (exact or estimated: see the catalog's notes)
     * @param uniqueSets the column sets of primary keys and unique indexes
     */
    record Table(long id, String schema, String name, long sourceRows, List<Column> columns,
                 List<List<Integer>> uniqueSets, List<ForeignKey> foreignKeys) {

        Column column(int position) {
            return columns.stream().filter(c -> c.position() == position).findFirst().orElseThrow();
        }

        String displayName() {
            return schema + "." + name;
        }
    }

    /**
     * A distinct count in {@link Column#nDistinct()}'s terms, stored as ANALYZE stores it: more than a
     * tenth of the rows is kept as a fraction (so it scales with the rows), fewer as a number.
     */
    static double nDistinct(double distinct, double rows) {
        if (distinct <= 0 || rows <= 0) {
            return 0;
        }
        return distinct > 0.1 * rows ? -Math.min(1, distinct / rows) : distinct;
    }
}

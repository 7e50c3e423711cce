package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.EngineException;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code synthetic:} reads from the source, and only reads: tables with their row counts,
 * columns with type and statistics (pg_stats: null fraction, distinct values, average width),
 * unique column sets and foreign keys. It never runs ANALYZE or anything else that writes there.
 */
final class SyntheticCatalog {

    record Column(int attnum, String name, String formatType, String baseType, char typtype, char category,
                  boolean notNull, boolean hasDefault, boolean identityAlways, boolean generated, int typmod,
                  int enumLabels, double nullFrac, double nDistinct, int avgWidth) {
    }

    record ForeignKey(String name, List<Integer> columns, long parentOid, List<Integer> parentColumns) {
    }

    record Table(long oid, String schema, String name, long sourceRows, List<Column> columns,
                 List<List<Integer>> uniqueSets, List<ForeignKey> foreignKeys) {

        String qualified() {
            return ServerSql.quote(io.github.migrationdelivery.engine.plan.Dialect.POSTGRESQL, schema) + "."
                    + ServerSql.quote(io.github.migrationdelivery.engine.plan.Dialect.POSTGRESQL, name);
        }

        Column column(int attnum) {
            return columns.stream().filter(c -> c.attnum() == attnum).findFirst().orElseThrow();
        }
    }

    private static final String USER_TABLES = """
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                              AND d.objid = c.oid AND d.deptype = 'e')
            """;

    private SyntheticCatalog() {
    }

    static Map<Long, Table> read(Connection c) throws SQLException {
        Map<Long, long[]> rows = new LinkedHashMap<>();
        Map<Long, String[]> names = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT c.oid, n.nspname, c.relname, c.reltuples::bigint, c.relkind, c.relispartition "
                        + USER_TABLES + " ORDER BY n.nspname, c.relname")) {
            while (rs.next()) {
                if (rs.getString(5).equals("p") || rs.getBoolean(6)) {
                    throw EngineException.badInput("synthetic: partitioned table " + rs.getString(2) + "." + rs.getString(3)
                            + " is not supported yet; use template: or dump:");
                }
                names.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)});
                rows.put(rs.getLong(1), new long[] {rs.getLong(4)});
            }
        }
        // reltuples is -1 before the first ANALYZE and 0 before the first VACUUM: then count.
        for (Map.Entry<Long, long[]> e : rows.entrySet()) {
            if (e.getValue()[0] <= 0) {
                String[] n = names.get(e.getKey());
                e.getValue()[0] = ServerSql.queryLong(c, "SELECT count(*) FROM "
                        + ServerSql.quote(io.github.migrationdelivery.engine.plan.Dialect.POSTGRESQL, n[0]) + "."
                        + ServerSql.quote(io.github.migrationdelivery.engine.plan.Dialect.POSTGRESQL, n[1]));
            }
        }
        Map<Long, List<Column>> columns = columns(c);
        Map<Long, List<List<Integer>>> unique = uniqueSets(c);
        Map<Long, List<ForeignKey>> fks = foreignKeys(c);
        Map<Long, Table> tables = new LinkedHashMap<>();
        for (Long oid : names.keySet()) {
            tables.put(oid, new Table(oid, names.get(oid)[0], names.get(oid)[1], rows.get(oid)[0],
                    columns.getOrDefault(oid, List.of()), unique.getOrDefault(oid, List.of()), fks.getOrDefault(oid, List.of())));
        }
        return tables;
    }

    private static Map<Long, List<Column>> columns(Connection c) throws SQLException {
        String sql = """
                SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),
                       b.typname, b.typtype, b.typcategory, a.attnotnull, a.atthasdef,
                       a.attidentity = 'a', a.attgenerated <> '',
                       CASE WHEN t.typtype = 'd' AND a.atttypmod < 0 THEN t.typtypmod ELSE a.atttypmod END,
                       (SELECT count(*) FROM pg_enum e WHERE e.enumtypid = b.oid),
                       s.null_frac, s.n_distinct, s.avg_width
                FROM pg_attribute a
                JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_type t ON t.oid = a.atttypid
                JOIN pg_type b ON b.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
                LEFT JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = c.relname
                                    AND s.attname = a.attname AND NOT s.inherited
                WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attrelid IN (SELECT c.oid\s""" + USER_TABLES + """
                )
                ORDER BY a.attrelid, a.attnum
                """;
        Map<Long, List<Column>> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                double nullFrac = rs.getDouble(14);
                boolean hasStats = !rs.wasNull();
                out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Column(rs.getInt(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6).charAt(0), rs.getString(7).charAt(0),
                        rs.getBoolean(8), rs.getBoolean(9), rs.getBoolean(10), rs.getBoolean(11), rs.getInt(12),
                        rs.getInt(13), hasStats ? nullFrac : 0, hasStats ? rs.getDouble(15) : 0, hasStats ? rs.getInt(16) : 0));
            }
        }
        return out;
    }

    /** Column sets of unique indexes (primary keys and unique constraints included); expression indexes are not. */
    private static Map<Long, List<List<Integer>>> uniqueSets(Connection c) throws SQLException {
        Map<Long, List<List<Integer>>> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT i.indrelid, i.indkey::int2[] FROM pg_index i WHERE i.indisunique AND i.indexprs IS NULL"
                        + " AND i.indrelid IN (SELECT c.oid " + USER_TABLES + ")")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(ints(rs.getArray(2)));
            }
        }
        return out;
    }

    private static Map<Long, List<ForeignKey>> foreignKeys(Connection c) throws SQLException {
        Map<Long, List<ForeignKey>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT conrelid, conname, conkey, confrelid, confkey FROM pg_constraint WHERE contype = 'f'"
                        + " AND conrelid IN (SELECT c.oid " + USER_TABLES + ") ORDER BY conrelid, conname");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(
                        new ForeignKey(rs.getString(2), ints(rs.getArray(3)), rs.getLong(4), ints(rs.getArray(5))));
            }
        }
        return out;
    }

    private static List<Integer> ints(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        return Arrays.stream(values).map(v -> ((Number) v).intValue()).toList();
    }
}

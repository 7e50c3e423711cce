package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.snapshot.SyntheticCatalog.Column;
import io.github.migrationdelivery.engine.snapshot.SyntheticCatalog.ForeignKey;
import io.github.migrationdelivery.engine.snapshot.SyntheticCatalog.Table;

import java.nio.file.Path;
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
 * {@code synthetic:} on PostgreSQL. Reads pg_class (reltuples), pg_attribute, pg_stats (null
 * fraction, distinct values, average width), pg_index and pg_constraint; never runs ANALYZE or
 * anything else that writes on the source. The copy, on a fresh database:
 * <ol>
 * <li>{@code pg_dump --section=pre-data | psql}: tables, types, sequences, without indexes and constraints;</li>
 * <li>CHECK constraints (part of pre-data) are set aside: generated values cannot know them;</li>
 * <li>the rows; sequences moved past the generated keys;</li>
 * <li>{@code pg_dump --section=post-data | psql}: primary keys, unique constraints, indexes, foreign
 * keys, triggers, all built once over the data, as pg_restore does (and their creation proves the
 * generated rows satisfy them);</li>
 * <li>CHECK constraints back (NOT VALID, named in the description, when generated rows violate one);</li>
 * <li>ANALYZE of the fresh copy (never of the source).</li>
 * </ol>
 */
final class PostgresSynthetic implements SyntheticServer {

    private static final String CHECK_VIOLATION = "23514";
    private static final String USER_TABLES = """
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                              AND d.objid = c.oid AND d.deptype = 'e')
            """;

    private final SyntheticValues values = new PostgresSyntheticValues();

    @Override
    public SyntheticCatalog read(Connection c) throws SQLException {
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
                e.getValue()[0] = Queries.singleLong(c, "SELECT count(*) FROM " + values.quote(n[0]) + "." + values.quote(n[1]));
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
        return new SyntheticCatalog(tables, List.of());
    }

    private static Map<Long, List<Column>> columns(Connection c) throws SQLException {
        String sql = """
                SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),
                       b.typname, a.attnotnull, a.atthasdef, a.attidentity = 'a', a.attgenerated <> '',
                       CASE WHEN t.typtype = 'd' AND a.atttypmod < 0 THEN t.typtypmod ELSE a.atttypmod END,
                       (SELECT array_agg(quote_literal(e.enumlabel) ORDER BY e.enumsortorder)
                        FROM pg_enum e WHERE e.enumtypid = b.oid),
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
                String baseType = rs.getString(5);
                int typmod = rs.getInt(10);
                Array labels = rs.getArray(11);
                double nullFrac = rs.getDouble(12);
                boolean hasStats = !rs.wasNull();
                // typmod: varchar(n) and char(n) keep n + 4; numeric(p, s) keeps (p << 16 | s) + 4.
                boolean chars = baseType.equals("varchar") || baseType.equals("bpchar");
                boolean numeric = baseType.equals("numeric") && typmod >= 4;
                // avg_width counts the one-byte header of a short varlena value.
                int avgWidth = hasStats ? rs.getInt(14) : 0;
                out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Column(rs.getInt(2), rs.getString(3),
                        rs.getString(4), baseType, rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8), rs.getBoolean(9),
                        chars && typmod > 4 ? typmod - 4 : 0, numeric ? (typmod - 4) >> 16 : 0, numeric ? (typmod - 4) & 0xffff : 0,
                        labels == null ? List.of() : Arrays.stream((Object[]) labels.getArray()).map(String::valueOf).toList(),
                        hasStats ? nullFrac : 0, hasStats ? rs.getDouble(13) : 0, avgWidth > 1 ? avgWidth - 1 : 0));
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

    /** A fresh database with the source's encoding and collation, from template0 (no leftovers of template1). */
    @Override
    public void create(ConnectionSpec admin, ConnectionSpec source, String name) {
        try (Connection c = ServerSql.connect(admin); PreparedStatement ps = c.prepareStatement(
                "SELECT pg_encoding_to_char(encoding), datcollate, datctype FROM pg_database WHERE datname = ?")) {
            ps.setString(1, source.database());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new EngineException(EngineException.Kind.DATABASE, "--snapshot synthetic: source database \""
                            + source.database() + "\" does not exist on " + Endpoint.of(source).host(), null, null);
                }
                c.createStatement().execute("CREATE DATABASE " + ServerSql.quote(Dialect.POSTGRESQL, name)
                        + " TEMPLATE template0 ENCODING '" + rs.getString(1) + "' LC_COLLATE '" + rs.getString(2).replace("'", "''")
                        + "' LC_CTYPE '" + rs.getString(3).replace("'", "''") + "'");
            }
        } catch (SQLException e) {
            throw ServerSql.failure(admin, "creating " + name, e);
        }
    }

    @Override
    public void copySchema(ConnectionSpec source, ConnectionSpec target) {
        copySection("pre-data", source, target);
    }

    private static void copySection(String section, ConnectionSpec source, ConnectionSpec target) {
        Path pgDump = ClientTools.find("synthetic:", "pg_dump");
        Path psql = ClientTools.find("synthetic:", "psql");
        List<String> dump = new ArrayList<>(List.of(pgDump.toString(), "--section=" + section, "--no-owner", "--no-privileges"));
        dump.addAll(ClientTools.postgresArgs(source));
        List<String> load = new ArrayList<>(List.of(psql.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1"));
        load.addAll(ClientTools.postgresArgs(target));
        ClientTools.run(List.of(dump, load), ClientTools.passwordEnvironment(source), null,
                "synthetic: copying the schema (" + section + ") of " + source.database());
    }

    @Override
    public Load load(ConnectionSpec source, ConnectionSpec target, Connection c) throws SQLException {
        List<String[]> checks = setChecksAside(c);
        return new Load() {
            @Override
            public SyntheticValues values() {
                return values;
            }

            @Override
            public void afterRows(Statement s, Table t) throws SQLException {
                moveSequences(s, t);
            }

            @Override
            public List<String> finish(Statement s) throws SQLException {
                copySection("post-data", source, target);
                List<String> notValidated = restoreChecks(s, checks);
                s.execute("ANALYZE");
                return notValidated.isEmpty() ? List.of()
                        : List.of("CHECK constraints left NOT VALID: " + String.join(", ", notValidated));
            }
        };
    }

    /** Drops the CHECK constraints of the fresh copy, returning {table, name, definition} to add back. */
    private static List<String[]> setChecksAside(Connection c) throws SQLException {
        List<String[]> checks = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
                        + " WHERE contype = 'c' AND conrelid <> 0 AND connamespace NOT IN"
                        + " ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)")) {
            while (rs.next()) {
                checks.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        try (Statement s = c.createStatement()) {
            for (String[] check : checks) {
                s.execute("ALTER TABLE " + check[0] + " DROP CONSTRAINT " + ServerSql.quote(Dialect.POSTGRESQL, check[1]));
            }
        }
        return checks;
    }

    private static List<String> restoreChecks(Statement s, List<String[]> checks) throws SQLException {
        List<String> notValidated = new ArrayList<>();
        for (String[] check : checks) {
            String add = "ALTER TABLE " + check[0] + " ADD CONSTRAINT " + ServerSql.quote(Dialect.POSTGRESQL, check[1])
                    + " " + check[2];
            try {
                s.execute(add);
            } catch (SQLException e) {
                if (!CHECK_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                s.execute(add.endsWith("NOT VALID") ? add : add + " NOT VALID");
                notValidated.add(check[0] + "." + check[1]);
            }
        }
        return notValidated;
    }

    /** Identity and serial sequences continue after the generated keys, so the dry-run's inserts work. */
    private void moveSequences(Statement s, Table t) throws SQLException {
        String table = values.table(t);
        for (Column c : t.columns()) {
            if (!c.baseType().startsWith("int")) {
                continue;
            }
            String col = values.quote(c.name());
            s.execute("SELECT setval(seq, coalesce((SELECT max(" + col + ") FROM " + table + "), 1),"
                    + " (SELECT max(" + col + ") FROM " + table + ") IS NOT NULL)"
                    + " FROM pg_get_serial_sequence('" + table.replace("'", "''") + "', '" + c.name().replace("'", "''") + "') AS seq"
                    + " WHERE seq IS NOT NULL");
        }
    }
}

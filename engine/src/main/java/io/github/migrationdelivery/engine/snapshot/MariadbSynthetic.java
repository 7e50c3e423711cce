package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.snapshot.SyntheticCatalog.Column;
import io.github.migrationdelivery.engine.snapshot.SyntheticCatalog.ForeignKey;
import io.github.migrationdelivery.engine.snapshot.SyntheticCatalog.Table;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code synthetic:} on MariaDB. What it reads from the source, and only reads:
 * <ul>
 * <li>row counts: an exact {@code COUNT(*)}, bounded by {@code max_statement_time} (10 s); past
 * that, {@code information_schema.TABLES.TABLE_ROWS}, InnoDB's sampled estimate, named in the
 * description. Exact where it is cheap, because the estimate can be off by tens of percent; bounded,
 * because a long scan holds a metadata lock a DDL statement on production would queue behind;</li>
 * <li>null fraction, distinct values and average length: {@code mysql.column_stats} (what
 * {@code ANALYZE TABLE ... PERSISTENT FOR ALL} collects) where it has the column; otherwise
 * aggregates over the first 10,000 rows, the distinct count from the index's CARDINALITY for an
 * indexed column. Only aggregates: no value of the source is read;</li>
 * <li>columns, unique indexes, foreign keys and JSON columns from information_schema.</li>
 * </ul>
 * The copy, on a fresh database with the source's character set and collation:
 * {@code mariadb-dump --no-data} of tables, views and routines; the rows, parents first, with
 * foreign keys checked row by row (except for tables in a reference cycle) and unique keys always;
 * CHECK constraints checked afterwards (one the rows violate is dropped, or for a column-level one
 * named, in the description); the triggers, so they never fire on generated rows; ANALYZE TABLE.
 */
final class MariadbSynthetic implements SyntheticServer {

    /** How long an exact count of one source table may take before its estimate is used instead. */
    static final Duration COUNT_LIMIT = Duration.ofSeconds(10);
    private static final int SAMPLE_ROWS = 10_000;
    private static final int STATEMENT_TIMEOUT = 1969;
    private static final Set<String> LOBS = Set.of("tinytext", "text", "mediumtext", "longtext",
            "tinyblob", "blob", "mediumblob", "longblob");
    private static final Set<String> STRINGS = Set.of("char", "varchar", "binary", "varbinary");

    private final Duration countLimit;

    MariadbSynthetic() {
        this(COUNT_LIMIT);
    }

    /** @param countLimit the bound of each exact count (and of each sample) on the source */
    MariadbSynthetic(Duration countLimit) {
        this.countLimit = countLimit;
    }

    /** A column as information_schema describes it, before its statistics are known. */
    private record Described(int position, String name, String dataType, String columnType, boolean notNull,
                             boolean hasDefault, boolean generated, int length, int precision, int scale) {

        boolean lob() {
            return LOBS.contains(dataType);
        }

        boolean measured() {
            return lob() || STRINGS.contains(dataType);
        }
    }

    /** Null fraction, nDistinct and average length of a column. */
    private record Stats(double nullFrac, double nDistinct, int avgLength) {
        static final Stats NONE = new Stats(0, 0, 0);
    }

    @Override
    public SyntheticCatalog read(Connection c) throws SQLException {
        String db = queryString(c, "SELECT DATABASE()");
        Map<String, Long> ids = new LinkedHashMap<>();
        Map<String, Long> estimates = new HashMap<>();
        eachRow(c, "SELECT TABLE_NAME, TABLE_TYPE, TABLE_ROWS FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') ORDER BY TABLE_NAME", db, rs -> {
            if (rs.getString(2).equals("SYSTEM VERSIONED")) {
                throw EngineException.badInput("synthetic: system-versioned table " + db + "." + rs.getString(1)
                        + " is not supported yet; use jdbc: or dump:");
            }
            ids.put(rs.getString(1), (long) ids.size() + 1);
            estimates.put(rs.getString(1), rs.getLong(3));
        });
        Map<String, Long> rows = new HashMap<>();
        List<String> estimated = new ArrayList<>();
        for (String table : ids.keySet()) {
            Long exact = bounded(c, "SELECT COUNT(*) FROM " + qualified(db, table), rs -> rs.getLong(1));
            if (exact == null) {
                estimated.add(table);
            }
            rows.put(table, exact == null ? estimates.get(table) : exact);
        }
        Map<String, List<Described>> described = columns(c, db);
        Map<String, List<List<Integer>>> unique = new HashMap<>();
        Map<String, Map<String, Long>> cardinality = new HashMap<>();
        indexes(c, db, described, unique, cardinality);
        Map<String, List<ForeignKey>> fks = foreignKeys(c, db, ids, described);
        Map<String, Map<String, Stats>> persistent = columnStats(c, db, rows);
        Map<String, Set<String>> json = jsonColumns(c, db);
        Map<Long, Table> tables = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : ids.entrySet()) {
            String table = e.getKey();
            List<Described> cols = described.getOrDefault(table, List.of());
            Map<String, Stats> stats = new HashMap<>(persistent.getOrDefault(table, Map.of()));
            List<Described> unmeasured = cols.stream().filter(d -> !d.generated() && !stats.containsKey(d.name())).toList();
            stats.putAll(sample(c, db, table, unmeasured, rows.get(table), cardinality.getOrDefault(table, Map.of())));
            Set<String> jsonHere = json.getOrDefault(table, Set.of());
            List<Column> columns = cols.stream().map(d -> column(d, jsonHere.contains(d.name()),
                    stats.getOrDefault(d.name(), Stats.NONE))).toList();
            tables.put(e.getValue(), new Table(e.getValue(), db, table, rows.get(table), columns,
                    unique.getOrDefault(table, List.of()), fks.getOrDefault(table, List.of())));
        }
        return new SyntheticCatalog(tables, estimated.isEmpty() ? List.of()
                : List.of("row counts estimated (TABLE_ROWS; COUNT(*) over " + countLimit.toMillis() + " ms): "
                        + String.join(", ", estimated)));
    }

    private static Column column(Described d, boolean json, Stats s) {
        String base = json ? "json" : d.dataType();
        List<String> labels = base.equals("enum") || base.equals("set") ? literals(d.columnType()) : List.of();
        return new Column(d.position(), d.name(), d.columnType(), base, d.notNull(), d.hasDefault(), false, d.generated(),
                d.length(), d.precision(), d.scale(), labels, s.nullFrac(), s.nDistinct(), s.avgLength());
    }

    private static Map<String, List<Described>> columns(Connection c, String db) throws SQLException {
        Map<String, List<Described>> out = new HashMap<>();
        eachRow(c, "SELECT TABLE_NAME, ORDINAL_POSITION, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE,"
                + " IS_NULLABLE, COLUMN_DEFAULT, EXTRA, IS_GENERATED, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE"
                + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION", db, rs -> {
            String dataType = rs.getString(4).toLowerCase(Locale.ROOT);
            long length = rs.getLong(10);
            int precision = rs.getInt(11);
            // Precision bounds values only for decimal, bit, and float/double written with (M,D).
            boolean bounded = rs.getObject(12) != null || dataType.equals("bit");
            out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Described(rs.getInt(2), rs.getString(3),
                    dataType, rs.getString(5), rs.getString(6).equals("NO"),
                    rs.getString(7) != null || rs.getString(8).contains("auto_increment"),
                    rs.getString(9).equals("ALWAYS"), (int) Math.min(Integer.MAX_VALUE, length),
                    bounded ? precision : 0, bounded ? rs.getInt(12) : 0));
        });
        return out;
    }

    /** Unique column sets, and the CARDINALITY of each column that leads an index. */
    private static void indexes(Connection c, String db, Map<String, List<Described>> columns,
                                Map<String, List<List<Integer>>> unique, Map<String, Map<String, Long>> cardinality)
            throws SQLException {
        Map<String, List<Integer>> sets = new LinkedHashMap<>();
        eachRow(c, "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME,"
                + " CARDINALITY FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?"
                + " ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX", db, rs -> {
            String table = rs.getString(1);
            if (rs.getInt(3) == 0) {
                sets.computeIfAbsent(table + "\0" + rs.getString(2), k -> new ArrayList<>())
                        .add(position(columns, table, rs.getString(5)));
            }
            long card = rs.getLong(6);
            if (rs.getInt(4) == 1 && !rs.wasNull()) {
                cardinality.computeIfAbsent(table, k -> new HashMap<>()).merge(rs.getString(5), card, Math::max);
            }
        });
        sets.forEach((key, set) -> unique.computeIfAbsent(key.substring(0, key.indexOf('\0')), k -> new ArrayList<>())
                .add(List.copyOf(set)));
    }

    private static Map<String, List<ForeignKey>> foreignKeys(Connection c, String db, Map<String, Long> ids,
                                                             Map<String, List<Described>> columns) throws SQLException {
        record Part(String table, String name, String parent, int column, int parentColumn) {
        }
        List<Part> parts = new ArrayList<>();
        eachRow(c, "SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA,"
                + " REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE"
                + " WHERE TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME IS NOT NULL"
                + " ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION", db, rs -> {
            if (!db.equals(rs.getString(4))) {
                throw EngineException.badInput("synthetic: foreign key " + rs.getString(2) + " of " + db + "."
                        + rs.getString(1) + " references another database (" + rs.getString(4) + "." + rs.getString(5)
                        + "); not supported: use jdbc: or dump:");
            }
            parts.add(new Part(rs.getString(1), rs.getString(2), rs.getString(5),
                    position(columns, rs.getString(1), rs.getString(3)), position(columns, rs.getString(5), rs.getString(6))));
        });
        Map<String, List<ForeignKey>> out = new HashMap<>();
        Map<String, List<Part>> byKey = new LinkedHashMap<>();
        parts.forEach(p -> byKey.computeIfAbsent(p.table() + "\0" + p.name(), k -> new ArrayList<>()).add(p));
        byKey.values().forEach(ps -> out.computeIfAbsent(ps.get(0).table(), k -> new ArrayList<>()).add(new ForeignKey(
                ps.get(0).name(), ps.stream().map(Part::column).toList(), ids.get(ps.get(0).parent()),
                ps.stream().map(Part::parentColumn).toList())));
        return out;
    }

    private static int position(Map<String, List<Described>> columns, String table, String column) {
        return columns.getOrDefault(table, List.of()).stream().filter(d -> d.name().equalsIgnoreCase(column))
                .findFirst().map(Described::position).orElseThrow(() -> new EngineException(EngineException.Kind.INTERNAL,
                        "synthetic: information_schema names column " + table + "." + column + " in an index but not in COLUMNS"));
    }

    /**
     * mysql.column_stats' null ratio, distinct values (rows per value, among non-null) and average
     * length; the min/max values and histograms next to them, real values, are never read. Empty
     * when the table is not readable (no privilege).
     */
    private static Map<String, Map<String, Stats>> columnStats(Connection c, String db, Map<String, Long> rows) {
        Map<String, Map<String, Stats>> out = new HashMap<>();
        try {
            eachRow(c, "SELECT table_name, column_name, nulls_ratio, avg_frequency, avg_length"
                    + " FROM mysql.column_stats WHERE db_name = ?", db, rs -> {
                double nulls = rs.getDouble(3);
                double perValue = rs.getDouble(4);
                long n = rows.getOrDefault(rs.getString(1), 0L);
                double distinct = perValue > 0 ? n * (1 - nulls) / perValue : 0;
                out.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2),
                        new Stats(nulls, SyntheticCatalog.nDistinct(distinct, n), (int) Math.round(rs.getDouble(5))));
            });
        } catch (SQLException notReadable) {
            return Map.of(); // the sample below stands in
        }
        return out;
    }

    /**
     * Null fraction, distinct values and average length of columns over the first rows of the table,
     * as aggregates computed by the server. Large objects are not compared for distinct values (that
     * would sort them); an indexed column's distinct count comes from its index's CARDINALITY.
     */
    private Map<String, Stats> sample(Connection c, String db, String table, List<Described> columns, long rows,
                                      Map<String, Long> cardinality) throws SQLException {
        if (columns.isEmpty() || rows == 0) {
            return Map.of();
        }
        List<String> aggregates = new ArrayList<>(List.of("COUNT(*)"));
        for (Described d : columns) {
            String col = ServerSql.quote(Dialect.MARIADB, d.name());
            aggregates.add("SUM(" + col + " IS NULL)");
            aggregates.add(d.lob() ? "0" : "COUNT(DISTINCT " + col + ")");
            aggregates.add(d.measured() ? "AVG(CHAR_LENGTH(" + col + "))" : "0");
        }
        String select = "SELECT " + String.join(", ", aggregates) + " FROM (SELECT "
                + String.join(", ", columns.stream().map(d -> ServerSql.quote(Dialect.MARIADB, d.name())).toList())
                + " FROM " + qualified(db, table) + " LIMIT " + SAMPLE_ROWS + ") AS sample";
        Map<String, Stats> out = bounded(c, select, rs -> {
            Map<String, Stats> m = new HashMap<>();
            double sampled = rs.getLong(1);
            for (int i = 0; i < columns.size(); i++) {
                Described d = columns.get(i);
                double distinct = cardinality.containsKey(d.name())
                        ? SyntheticCatalog.nDistinct(cardinality.get(d.name()), rows)
                        : SyntheticCatalog.nDistinct(rs.getDouble(3 + 3 * i), sampled);
                m.put(d.name(), new Stats(sampled == 0 ? 0 : rs.getDouble(2 + 3 * i) / sampled, distinct,
                        (int) Math.round(rs.getDouble(4 + 3 * i))));
            }
            return m;
        });
        return out == null ? Map.of() : out;
    }

    /** Columns MariaDB keeps as longtext with a {@code json_valid} check (its JSON type), by table. */
    private static Map<String, Set<String>> jsonColumns(Connection c, String db) throws SQLException {
        Map<String, Set<String>> out = new HashMap<>();
        eachRow(c, "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE"
                + " FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND LEVEL = 'Column'", db, rs -> {
            if (rs.getString(3).equalsIgnoreCase("json_valid(" + ServerSql.quote(Dialect.MARIADB, rs.getString(2)) + ")")) {
                out.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
            }
        });
        return out;
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private interface EachRow {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Runs a query whose one parameter is the source database and hands each row over. */
    private static void eachRow(Connection c, String sql, String db, EachRow action) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    action.accept(rs);
                }
            }
        }
    }

    /** The first row of a query bounded by the count limit, or null when the limit stopped it. */
    private <T> T bounded(Connection c, String select, Row<T> row) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SET STATEMENT max_statement_time = "
                + countLimit.toMillis() / 1000.0 + " FOR " + select)) {
            return rs.next() ? row.read(rs) : null;
        } catch (SQLException e) {
            if (e.getErrorCode() == STATEMENT_TIMEOUT) {
                return null;
            }
            throw e;
        }
    }

    /** The SQL string literals of an enum or set type, as written: {@code enum('a','b''c')}. */
    static List<String> literals(String columnType) {
        List<String> out = new ArrayList<>();
        int i = columnType.indexOf('(');
        while (i >= 0 && i < columnType.length()) {
            int start = columnType.indexOf('\'', i);
            if (start < 0) {
                break;
            }
            int j = start + 1;
            while (j < columnType.length()) {
                char ch = columnType.charAt(j);
                if (ch == '\\') {
                    j += 2;
                } else if (ch == '\'' && j + 1 < columnType.length() && columnType.charAt(j + 1) == '\'') {
                    j += 2;
                } else if (ch == '\'') {
                    break;
                } else {
                    j++;
                }
            }
            out.add(columnType.substring(start, Math.min(j + 1, columnType.length())));
            i = j + 1;
        }
        return out;
    }

    private static String qualified(String db, String table) {
        return ServerSql.quote(Dialect.MARIADB, db) + "." + ServerSql.quote(Dialect.MARIADB, table);
    }

    private static String queryString(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Override
    public void create(ConnectionSpec admin, ConnectionSpec source, String name) {
        ServerSql.createEmptyLike(admin, source, name, "--snapshot synthetic:");
    }

    /** Tables, views and routines; no triggers yet (they would fire on the generated rows), no events. */
    @Override
    public void copySchema(ConnectionSpec source, ConnectionSpec target) {
        dump(source, target, "tables", "--routines", "--skip-triggers");
    }

    private static void dump(ConnectionSpec source, ConnectionSpec target, String what, String... options) {
        Path dump = ClientTools.find("synthetic:", "mariadb-dump", "mysqldump");
        Path client = ClientTools.find("synthetic:", "mariadb", "mysql");
        List<String> dumpCmd = new ArrayList<>(List.of(dump.toString(), "--no-data", "--single-transaction", "--skip-events",
                "--no-create-db", "--skip-comments"));
        dumpCmd.addAll(List.of(options));
        dumpCmd.addAll(ClientTools.mysqlArgs(source));
        dumpCmd.add(source.database());
        List<String> loadCmd = new ArrayList<>(List.of(client.toString()));
        loadCmd.addAll(ClientTools.mysqlArgs(target));
        loadCmd.add(target.database());
        ClientTools.run(List.of(dumpCmd, loadCmd), ClientTools.passwordEnvironment(source), null,
                "synthetic: copying the " + what + " of " + source.database());
    }

    @Override
    public Load load(ConnectionSpec source, ConnectionSpec target, Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION check_constraint_checks = 0"); // checked once the rows are in: see finish
            s.execute("SET SESSION time_zone = '+00:00'"); // a generated TIMESTAMP never falls into a DST gap
        }
        SyntheticValues values = new MariadbSyntheticValues(Queries.singleLong(c, "SELECT COUNT(*) FROM information_schema.ENGINES"
                + " WHERE ENGINE = 'SEQUENCE' AND SUPPORT IN ('YES', 'DEFAULT')") > 0);
        return new Load() {
            @Override
            public SyntheticValues values() {
                return values;
            }

            /** Rows referencing rows not yet there go in unchecked, as mariadb-dump loads them. */
            @Override
            public void beforeRows(Statement s, Table t, boolean cyclic) throws SQLException {
                s.execute("SET SESSION foreign_key_checks = " + (cyclic ? 0 : 1));
            }

            @Override
            public List<String> finish(Statement s) throws SQLException {
                s.execute("SET SESSION foreign_key_checks = 1");
                List<String> notes = checks(s);
                s.execute("SET SESSION check_constraint_checks = 1");
                dump(source, target, "triggers", "--no-create-info", "--skip-routines", "--triggers");
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES"
                        + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'")) {
                    while (rs.next()) {
                        tables.add(values.quote(rs.getString(1)));
                    }
                }
                if (!tables.isEmpty()) {
                    s.execute("ANALYZE TABLE " + String.join(", ", tables));
                }
                return notes;
            }
        };
    }

    /**
     * CHECK constraints the generated rows violate: a table-level one is dropped (MariaDB has no
     * NOT VALID), a column-level one cannot be dropped alone and is only named.
     */
    private static List<String> checks(Statement s) throws SQLException {
        List<String[]> checks = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME, CONSTRAINT_NAME, LEVEL, CHECK_CLAUSE"
                + " FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()"
                + " ORDER BY TABLE_NAME, CONSTRAINT_NAME")) {
            while (rs.next()) {
                checks.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
            }
        }
        List<String> dropped = new ArrayList<>();
        List<String> violated = new ArrayList<>();
        for (String[] check : checks) {
            String table = ServerSql.quote(Dialect.MARIADB, check[0]);
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM " + table + " WHERE NOT (" + check[3] + ") LIMIT 1")) {
                if (!rs.next()) {
                    continue;
                }
            }
            if (check[2].equals("Table")) {
                s.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + ServerSql.quote(Dialect.MARIADB, check[1]));
                dropped.add(check[0] + "." + check[1]);
            } else {
                violated.add(check[0] + "." + check[1]);
            }
        }
        List<String> notes = new ArrayList<>();
        if (!dropped.isEmpty()) {
            notes.add("CHECK constraints the generated rows violate, dropped: " + String.join(", ", dropped));
        }
        if (!violated.isEmpty()) {
            notes.add("column CHECK constraints the generated rows violate (kept; an ALTER that copies the table fails): "
                    + String.join(", ", violated));
        }
        return notes;
    }
}

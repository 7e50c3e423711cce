package io.github.migrationdelivery.engine.backfill;

import io.github.migrationdelivery.engine.snapshot.Queries;
import io.github.migrationdelivery.engine.EngineException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * MariaDB and MySQL: keys from information_schema.STATISTICS, waiters from INNODB_LOCK_WAITS.
 * Replication lag is a replica's {@code Seconds_Behind_Master}, which the primary cannot see:
 * it comes from {@code --replica} connections or a {@code --lag-query} (see {@link Throttle}).
 */
final class MariadbBackfill implements BackfillServer {

    private static final String CANDIDATES = "SELECT s.INDEX_NAME, s.COLUMN_NAME, c.COLUMN_TYPE, c.DATA_TYPE,"
            + " c.IS_NULLABLE, s.SUB_PART FROM information_schema.STATISTICS s"
            + " JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = s.TABLE_SCHEMA AND c.TABLE_NAME = s.TABLE_NAME"
            + " AND c.COLUMN_NAME = s.COLUMN_NAME"
            + " WHERE s.TABLE_SCHEMA = ? AND s.TABLE_NAME = ? AND s.NON_UNIQUE = 0"
            + " ORDER BY s.INDEX_NAME = 'PRIMARY' DESC, s.INDEX_NAME, s.SEQ_IN_INDEX";

    @Override
    public TableKey key(Connection c, String table) throws SQLException {
        String bare = table.replace("`", "");
        int dot = bare.indexOf('.');
        String schema = dot < 0 ? null : bare.substring(0, dot);
        String name = dot < 0 ? bare : bare.substring(dot + 1);
        if (schema == null) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
                rs.next();
                schema = rs.getString(1);
            }
            if (schema == null) {
                throw EngineException.badInput("--table " + table + ": the URL names no database; write schema.table");
            }
        }
        long estimate;
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_TYPE, TABLE_ROWS FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw EngineException.badInput("--table " + table + ": no such table in " + schema);
                }
                if (!"BASE TABLE".equals(rs.getString(1))) {
                    throw EngineException.badInput("--table " + table + ": not a table (a backfill updates a table's rows)");
                }
                long rows = rs.getLong(2);
                estimate = rs.wasNull() ? -1 : rows;
            }
        }
        Map<String, KeyCandidate> byIndex = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(CANDIDATES)) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String index = rs.getString(1);
                    KeyCandidate k = byIndex.computeIfAbsent(index,
                            i -> new KeyCandidate(i.equals("PRIMARY") ? "PRIMARY" : i, i.equals("PRIMARY"), new ArrayList<>()));
                    String column = rs.getString(2);
                    String columnType = rs.getString(3);
                    rs.getLong(6);
                    boolean prefix = !rs.wasNull();
                    Optional<TableKey.Type> type = prefix ? Optional.empty() : type(rs.getString(4), columnType);
                    k.columns().add(new KeyCandidate.Part(column, quote(column),
                            prefix ? columnType + " (indexed by a prefix)" : columnType, type, "NO".equals(rs.getString(5))));
                }
            }
        }
        return KeyCandidate.choose(schema + "." + name, quote(schema) + "." + quote(name), estimate,
                List.copyOf(byIndex.values()));
    }

    private static Optional<TableKey.Type> type(String dataType, String columnType) {
        String t = dataType.toLowerCase(Locale.ROOT);
        boolean unsigned = columnType.toLowerCase(Locale.ROOT).contains("unsigned");
        return Optional.ofNullable(switch (t) {
            case "tinyint", "smallint", "mediumint", "int" -> TableKey.Type.INTEGER;
            // A BIGINT UNSIGNED does not fit a Java long.
            case "bigint" -> unsigned ? TableKey.Type.DECIMAL : TableKey.Type.INTEGER;
            case "decimal" -> TableKey.Type.DECIMAL;
            case "char", "varchar", "uuid" -> TableKey.Type.TEXT;
            default -> null;
        });
    }

    static String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    @Override
    public boolean rowValues() {
        return false;
    }

    @Override
    public void configureBatchSession(Connection c, BackfillSettings settings) throws SQLException {
        long lockSeconds = Math.max(1, (settings.lockTimeout().toMillis() + 999) / 1000);
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION innodb_lock_wait_timeout = " + lockSeconds);
            s.execute("SET SESSION lock_wait_timeout = " + lockSeconds);
            s.execute("SET SESSION max_statement_time = " + settings.statementTimeout().toMillis() / 1000.0);
        }
    }

    @Override
    public long sessionId(Connection c) throws SQLException {
        return Queries.singleLong(c, "SELECT CONNECTION_ID()");
    }

    @Override
    public OptionalDouble replicationLag(Connection c) {
        return OptionalDouble.empty();
    }

    @Override
    public String lagSource() {
        return "none (a MariaDB primary does not see its replicas' lag: give --replica or --lag-query)";
    }

    @Override
    public long longestWaitOn(Connection observer, long sessionId) throws SQLException {
        return Queries.singleLong(observer, "SELECT COALESCE(MAX(TIMESTAMPDIFF(MICROSECOND,"
                + " r.trx_wait_started, NOW(6))) DIV 1000, 0) FROM information_schema.INNODB_LOCK_WAITS w"
                + " JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id"
                + " JOIN information_schema.INNODB_TRX r ON r.trx_id = w.requesting_trx_id"
                + " WHERE b.trx_mysql_thread_id = ?", sessionId);
    }

    @Override
    public String timestampType() {
        return "datetime(3)";
    }

    @Override
    public String tableOptions() {
        return " ENGINE=InnoDB";
    }

    @Override
    public String now() {
        return "NOW(3)";
    }

    @Override
    public boolean isLockTimeout(SQLException e) {
        // 1205: lock wait timeout; 1213: deadlock, the server rolled the batch back.
        return e.getErrorCode() == 1205 || e.getErrorCode() == 1213;
    }

    @Override
    public boolean isStatementTimeout(SQLException e) {
        return e.getErrorCode() == 1969;
    }

    @Override
    public boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        return (state != null && state.startsWith("08")) || e.getErrorCode() == 1927 || e.getErrorCode() == 2013
                || e.getErrorCode() == 2006;
    }
}

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
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** PostgreSQL: keys from pg_index, lag from pg_stat_replication, waiters from pg_blocking_pids. */
final class PostgresBackfill implements BackfillServer {

    /** Unique, valid, non-partial indexes on plain columns; INCLUDE columns are not part of the key. */
    private static final String CANDIDATES = "SELECT ic.relname, i.indisprimary, a.attname, format_type(a.atttypid, a.atttypmod),"
            + " t.typname, a.attnotnull, i.indexprs IS NOT NULL"
            + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
            + " CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)"
            + " LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0"
            + " LEFT JOIN pg_type t ON t.oid = a.atttypid"
            + " WHERE i.indrelid = ? AND i.indisunique AND i.indisvalid AND i.indpred IS NULL AND k.ord <= i.indnkeyatts"
            + " ORDER BY i.indisprimary DESC, ic.relname, k.ord";

    @Override
    public TableKey key(Connection c, String table) throws SQLException {
        long oid;
        String name;
        String quoted;
        long estimate;
        try (PreparedStatement ps = c.prepareStatement("SELECT c.oid, n.nspname, c.relname, c.reltuples::bigint,"
                + " quote_ident(n.nspname) || '.' || quote_ident(c.relname), c.relkind"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(?)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw EngineException.badInput("--table " + table + ": no such table in " + c.getCatalog());
                }
                if (!"r".equals(rs.getString(6)) && !"p".equals(rs.getString(6))) {
                    throw EngineException.badInput("--table " + table + ": not a table (a backfill updates a table's rows)");
                }
                oid = rs.getLong(1);
                name = rs.getString(2) + "." + rs.getString(3);
                estimate = rs.getLong(4);
                quoted = rs.getString(5);
            }
        } catch (SQLException e) {
            if ("42602".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                throw EngineException.badInput("--table " + table + ": " + EngineException.serverMessage(e));
            }
            throw e;
        }
        Map<String, KeyCandidate> byIndex = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(CANDIDATES)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean primary = rs.getBoolean(2);
                    KeyCandidate k = byIndex.computeIfAbsent(rs.getString(1), i -> new KeyCandidate(i, primary, new ArrayList<>()));
                    // An index on expressions keeps no columns: KeyCandidate refuses it with that reason.
                    if (!rs.getBoolean(7)) {
                        String column = rs.getString(3);
                        k.columns().add(new KeyCandidate.Part(column, quote(column), rs.getString(4), type(rs.getString(5)),
                                rs.getBoolean(6)));
                    }
                }
            }
        }
        return KeyCandidate.choose(name, quoted, estimate, List.copyOf(byIndex.values()));
    }

    private static Optional<TableKey.Type> type(String typname) {
        return Optional.ofNullable(switch (typname == null ? "" : typname) {
            case "int2", "int4", "int8" -> TableKey.Type.INTEGER;
            case "numeric" -> TableKey.Type.DECIMAL;
            case "uuid" -> TableKey.Type.UUID;
            case "text", "varchar", "bpchar", "citext" -> TableKey.Type.TEXT;
            default -> null;
        });
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public boolean rowValues() {
        return true;
    }

    @Override
    public void configureBatchSession(Connection c, BackfillSettings settings) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = " + settings.lockTimeout().toMillis());
            s.execute("SET statement_timeout = " + settings.statementTimeout().toMillis());
            s.execute("SET application_name = 'migration-delivery backfill'");
        }
    }

    @Override
    public long sessionId(Connection c) throws SQLException {
        return Queries.singleLong(c, "SELECT pg_backend_pid()");
    }

    @Override
    public OptionalDouble replicationLag(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(*), COALESCE(EXTRACT(EPOCH FROM max(replay_lag)), 0) FROM pg_stat_replication")) {
            rs.next();
            return rs.getLong(1) == 0 ? OptionalDouble.empty() : OptionalDouble.of(rs.getDouble(2));
        }
    }

    @Override
    public String lagSource() {
        return "max(replay_lag) of pg_stat_replication";
    }

    @Override
    public long longestWaitOn(Connection observer, long sessionId) throws SQLException {
        return Queries.singleLong(observer, "SELECT COALESCE(max(EXTRACT(EPOCH FROM clock_timestamp() - query_start)"
                + " * 1000), 0)::bigint FROM pg_stat_activity WHERE ?::int = ANY (pg_blocking_pids(pid))", sessionId);
    }

    @Override
    public String timestampType() {
        return "timestamptz(3)";
    }

    @Override
    public String tableOptions() {
        return "";
    }

    @Override
    public String now() {
        return "clock_timestamp()";
    }

    @Override
    public boolean isLockTimeout(SQLException e) {
        // lock_timeout, or a deadlock the server broke by cancelling the batch: both mean "try again".
        return "55P03".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }

    @Override
    public boolean isStatementTimeout(SQLException e) {
        return "57014".equals(e.getSQLState());
    }

    @Override
    public boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }
}

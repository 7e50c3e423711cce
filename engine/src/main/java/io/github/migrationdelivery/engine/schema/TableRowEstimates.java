package io.github.migrationdelivery.engine.schema;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The row estimates the server keeps for its tables, read from the catalogs only (never a
 * {@code COUNT(*)}), on a read-only connection: PostgreSQL's {@code pg_class.reltuples} (what the
 * last ANALYZE or VACUUM saw; tables never analysed are left out), MariaDB/MySQL's
 * {@code information_schema.TABLES.TABLE_ROWS} (InnoDB's sampled estimate). What {@code lint
 * --table-stats} feeds the linter in place of sizes pasted into {@code lint.tableRows}.
 */
public final class TableRowEstimates {

    private static final String POSTGRES = "SELECT n.nspname, c.relname, c.reltuples::bigint,"
            + " n.nspname = current_schema() FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind = 'r' AND c.reltuples >= 0"
            + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'";
    private static final String MYSQL = "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS, TABLE_SCHEMA = DATABASE()"
            + " FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_ROWS IS NOT NULL"
            + " AND TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')";

    private TableRowEstimates() {
    }

    /**
     * Table name to estimated rows: {@code schema.table} for every user table, and the bare name for
     * the tables of the current schema (PostgreSQL) or database (MariaDB/MySQL), as migrations name them.
     *
     * @throws EngineException of kind DATABASE when the server cannot be reached or the catalogs read
     */
    public static Map<String, Long> read(ConnectionSpec target) {
        try (Connection c = target.connect()) {
            c.setReadOnly(true);
            Map<String, Long> rows = new HashMap<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(target.dialect() == Dialect.POSTGRESQL ? POSTGRES : MYSQL)) {
                while (rs.next()) {
                    long n = rs.getLong(3);
                    rows.put(rs.getString(1) + "." + rs.getString(2), n);
                    if (rs.getBoolean(4)) {
                        rows.put(rs.getString(2), n);
                    }
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new EngineException(EngineException.Kind.DATABASE, "cannot read the table row estimates of "
                    + target.redacted() + ": " + EngineException.serverMessage(e), null, e);
        }
    }
}

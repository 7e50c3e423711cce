package io.github.migrationdelivery.engine.dryrun;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One row of a table that probes read and write: the statements and the key values that find it.
 *
 * @param table    the table as reports name it
 * @param readSql  a single-row read by key
 * @param writeSql a single-row write that changes nothing but still needs the table's write lock and the row lock
 * @param key      the key values, in parameter order
 */
record ProbeTarget(String table, String readSql, String writeSql, List<Object> key) {

    ProbeTarget {
        key = List.copyOf(key);
    }

    /**
     * Probes of the first row found by primary key: a read by key and a write that sets
     * {@code assignable} to itself. Empty when the table has no rows.
     *
     * @param relation   the table, quoted for SQL
     * @param keyColumns the primary key's columns, quoted for SQL
     * @param assignable a column the write may set to itself, quoted for SQL
     */
    static Optional<ProbeTarget> byKey(Connection c, String table, String relation, List<String> keyColumns,
                                       String assignable) throws SQLException {
        String where = String.join(" AND ", keyColumns.stream().map(k -> k + " = ?").toList());
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + String.join(", ", keyColumns) + " FROM " + relation + " LIMIT 1")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            List<Object> key = new ArrayList<>();
            for (int i = 1; i <= keyColumns.size(); i++) {
                key.add(rs.getObject(i));
            }
            return Optional.of(new ProbeTarget(table, "SELECT 1 FROM " + relation + " WHERE " + where,
                    "UPDATE " + relation + " SET " + assignable + " = " + assignable + " WHERE " + where, key));
        }
    }
}

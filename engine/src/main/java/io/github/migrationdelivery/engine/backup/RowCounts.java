package io.github.migrationdelivery.engine.backup;

import io.github.migrationdelivery.engine.plan.Dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rows of many tables counted by one query per 500 tables, so all counts see the same snapshot. */
final class RowCounts {

    /** Well below PostgreSQL's 1,664 target-list entries. */
    private static final int PER_QUERY = 500;

    private RowCounts() {
    }

    static Map<String, Long> count(Connection c, List<TableRef> tables, Dialect dialect) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int from = 0; from < tables.size(); from += PER_QUERY) {
            List<TableRef> part = tables.subList(from, Math.min(tables.size(), from + PER_QUERY));
            StringBuilder sql = new StringBuilder("SELECT ");
            for (int i = 0; i < part.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(SELECT count(*) FROM ").append(part.get(i).sql(dialect)).append(')');
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
                rs.next();
                for (int i = 0; i < part.size(); i++) {
                    counts.put(part.get(i).key(), rs.getLong(i + 1));
                }
            }
        }
        return counts;
    }

    /** The first table whose counts differ, as "table: n rows at backup time, m in the archive", or empty. */
    static String firstDifference(Map<String, Long> expected, Map<String, Long> actual, String where) {
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            Long found = actual.get(e.getKey());
            if (!e.getValue().equals(found)) {
                return e.getKey() + ": " + e.getValue() + " rows at backup time, "
                        + (found == null ? "none" : found) + " " + where;
            }
        }
        return "";
    }
}

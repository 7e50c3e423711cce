package io.github.migrationdelivery.engine.snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Queries that answer one number (a backend id, a count, a longest wait): 0 when they return no row. */
public final class Queries {

    private Queries() {
    }

    /** {@code sql} run as written (it may hold a {@code ?} operator, so it is not prepared). */
    public static long singleLong(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** {@code sql} prepared, with {@code parameter} for its one {@code ?}. */
    public static long singleLong(Connection c, String sql, long parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}

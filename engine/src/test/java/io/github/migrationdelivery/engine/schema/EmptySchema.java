package io.github.migrationdelivery.engine.schema;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.testdb.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Empties a test database's user schema so one database serves a whole test class: dropping and
 * creating a PostgreSQL database costs a checkpoint (seconds), emptying its schema milliseconds.
 */
public final class EmptySchema {

    private EmptySchema() {
    }

    public static void reset(TestDatabase db) {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            if (db.spec().dialect() == Dialect.POSTGRESQL) {
                s.execute("DROP SCHEMA public CASCADE");
                s.execute("CREATE SCHEMA public");
                return;
            }
            List<String> drops = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")) {
                while (rs.next()) {
                    drops.add(("VIEW".equals(rs.getString(2)) ? "DROP VIEW `" : "DROP TABLE `") + rs.getString(1) + "`");
                }
            }
            s.execute("SET foreign_key_checks = 0");
            for (String drop : drops) {
                s.execute(drop);
            }
            s.execute("SET foreign_key_checks = 1");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty " + db.name() + ": " + e.getMessage(), e);
        }
    }
}

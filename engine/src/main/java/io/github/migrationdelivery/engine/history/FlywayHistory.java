package io.github.migrationdelivery.engine.history;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Changeset;
import io.github.migrationdelivery.engine.plan.ChangesetKind;
import io.github.migrationdelivery.engine.plan.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Flyway's {@code flyway_schema_history}, written in Flyway's format so Flyway (and our drift
 * check) reads it as its own: installed_rank, version, description, type 'SQL', script, checksum
 * (the CRC32 the plan computed), installed_by, installed_on, execution_time, success. The table
 * is created with Flyway's own DDL when absent. Versioned scripts count as applied by version,
 * repeatable ones by description and checksum (a changed repeatable runs again, as in Flyway).
 */
public final class FlywayHistory {

    public static final String TABLE = "flyway_schema_history";

    /** The successful row of a script: its checksum as recorded (null for none). */
    public record Applied(String script, Integer checksum) {
    }

    private final Dialect dialect;
    private final String user;
    private final Map<String, Applied> versioned;
    private final Map<String, Applied> repeatable;

    private FlywayHistory(Dialect dialect, String user, Map<String, Applied> versioned, Map<String, Applied> repeatable) {
        this.dialect = dialect;
        this.user = user;
        this.versioned = versioned;
        this.repeatable = repeatable;
    }

    /** Creates the table when absent (committed at once) and reads the successful rows. */
    public static FlywayHistory open(Connection c, Dialect dialect) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            if (dialect == Dialect.POSTGRESQL) {
                s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (installed_rank INT NOT NULL, version VARCHAR(50),"
                        + " description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL,"
                        + " checksum INTEGER, installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT now(),"
                        + " execution_time INTEGER NOT NULL, success BOOLEAN NOT NULL,"
                        + " CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank))");
                s.execute("CREATE INDEX IF NOT EXISTS flyway_schema_history_s_idx ON " + TABLE + " (success)");
            } else {
                s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (installed_rank INT NOT NULL, version VARCHAR(50),"
                        + " description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL,"
                        + " checksum INT, installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,"
                        + " execution_time INT NOT NULL, success BOOL NOT NULL,"
                        + " CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank),"
                        + " INDEX flyway_schema_history_s_idx (success)) ENGINE=InnoDB");
            }
            Map<String, Applied> versioned = new HashMap<>();
            Map<String, Applied> repeatable = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT version, description, script, checksum FROM " + TABLE
                    + " WHERE success ORDER BY installed_rank")) {
                while (rs.next()) {
                    int checksum = rs.getInt(4);
                    Applied a = new Applied(rs.getString(3), rs.wasNull() ? null : checksum);
                    if (rs.getString(1) != null) {
                        versioned.put(rs.getString(1), a);
                    } else {
                        repeatable.put(rs.getString(2), a); // the latest run of a repeatable counts
                    }
                }
            }
            String user;
            try (ResultSet rs = s.executeQuery(dialect == Dialect.POSTGRESQL ? "SELECT current_user"
                    : "SELECT SUBSTRING_INDEX(USER(), '@', 1)")) {
                rs.next();
                user = rs.getString(1);
            }
            return new FlywayHistory(dialect, user, versioned, repeatable);
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** The row that says the script already ran with its current content, if there is one. */
    public Optional<Applied> applied(Changeset changeset) {
        if (changeset.kind() == ChangesetKind.VERSIONED_SQL) {
            return Optional.ofNullable(versioned.get(changeset.id()));
        }
        Applied last = repeatable.get(changeset.description());
        return last != null && String.valueOf(last.checksum()).equals(changeset.checksum()) ? Optional.of(last) : Optional.empty();
    }

    /** Inserts the script's row on {@code c}, in its current transaction. */
    public void record(Connection c, Changeset changeset, long executionMs) throws SQLException {
        if (changeset.kind() != ChangesetKind.VERSIONED_SQL && changeset.kind() != ChangesetKind.REPEATABLE_SQL) {
            throw EngineException.badInput(changeset.position(), "Flyway records only V and R scripts");
        }
        // Ranks are taken under the run's lock, so max + 1 cannot collide with another writer of ours.
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (installed_rank, version, description,"
                + " type, script, checksum, installed_by, execution_time, success)"
                + " SELECT COALESCE(MAX(installed_rank), 0) + 1, ?, ?, 'SQL', ?, ?, ?, ?, " + (dialect == Dialect.POSTGRESQL ? "true" : "1")
                + " FROM " + TABLE)) {
            ps.setString(1, changeset.kind() == ChangesetKind.VERSIONED_SQL ? changeset.id() : null);
            ps.setString(2, changeset.description());
            ps.setString(3, changeset.position().file().getFileName().toString());
            if (changeset.checksum().isEmpty()) {
                ps.setNull(4, java.sql.Types.INTEGER);
            } else {
                ps.setInt(4, Integer.parseInt(changeset.checksum()));
            }
            ps.setString(5, user);
            ps.setInt(6, (int) Math.min(Integer.MAX_VALUE, executionMs));
            ps.executeUpdate();
        }
    }
}

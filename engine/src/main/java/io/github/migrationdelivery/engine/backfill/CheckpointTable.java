package io.github.migrationdelivery.engine.backfill;

import io.github.migrationdelivery.engine.EngineException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Optional;

/** Reads and writes {@link Checkpoint#TABLE}; every method runs in the caller's transaction. */
final class CheckpointTable {

    private static final String COLUMNS = "id, table_name, definition, last_key, rows_done, rows_walked, batches,"
            + " started_at, updated_at, finished_at";

    private final BackfillServer server;

    CheckpointTable(BackfillServer server) {
        this.server = server;
    }

    /** Creates the table when missing (autocommit). */
    void ensure(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            String ts = server.timestampType();
            s.execute("CREATE TABLE IF NOT EXISTS " + Checkpoint.TABLE + " (id varchar(200) PRIMARY KEY,"
                    + " table_name varchar(400) NOT NULL, definition text NOT NULL, last_key text,"
                    + " rows_done bigint NOT NULL DEFAULT 0, rows_walked bigint NOT NULL DEFAULT 0,"
                    + " batches bigint NOT NULL DEFAULT 0, started_at " + ts + " NOT NULL, updated_at " + ts + " NOT NULL,"
                    + " finished_at " + ts + " NULL)" + server.tableOptions());
        }
    }

    /**
     * The backfill's checkpoint, created when this is its first run. The same id for another table
     * or another change is refused: resuming it would skip rows the new change never touched.
     */
    Checkpoint open(Connection c, String id, String table, String definition) throws SQLException {
        Optional<Checkpoint> existing = read(c, id, false);
        if (existing.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + Checkpoint.TABLE
                    + " (id, table_name, definition, started_at, updated_at) VALUES (?, ?, ?, " + server.now() + ", "
                    + server.now() + ")")) {
                ps.setString(1, id);
                ps.setString(2, table);
                ps.setString(3, definition);
                ps.executeUpdate();
            }
            existing = read(c, id, false);
        }
        Checkpoint cp = existing.orElseThrow();
        if (!cp.table().equals(table) || !cp.definition().equals(definition)) {
            throw EngineException.badInput("backfill " + id + " in " + Checkpoint.TABLE + " was started for table "
                    + cp.table() + " with " + cp.definition() + "; this run is for " + table + " with " + definition
                    + " (give another --id, or delete that checkpoint row)");
        }
        return cp;
    }

    /** The checkpoint, row-locked when {@code forUpdate}: a second runner of the same id waits here, then sees it moved. */
    Optional<Checkpoint> read(Connection c, String id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + Checkpoint.TABLE + " WHERE id = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp finished = rs.getTimestamp(10);
                return Optional.of(new Checkpoint(rs.getString(1), rs.getString(2), rs.getString(3),
                        Optional.ofNullable(rs.getString(4)), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                        rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant(),
                        Optional.ofNullable(finished).map(Timestamp::toInstant)));
            }
        }
    }

    /** Records a committed batch (the caller commits). */
    void advance(Connection c, String id, String lastKey, long rows, long walked) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + Checkpoint.TABLE + " SET last_key = ?,"
                + " rows_done = rows_done + ?, rows_walked = rows_walked + ?, batches = batches + 1, updated_at = "
                + server.now() + " WHERE id = ?")) {
            ps.setString(1, lastKey);
            ps.setLong(2, rows);
            ps.setLong(3, walked);
            ps.setString(4, id);
            ps.executeUpdate();
        }
    }

    void finish(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + Checkpoint.TABLE + " SET finished_at = " + server.now()
                + ", updated_at = " + server.now() + " WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }
}

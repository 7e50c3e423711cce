package io.github.migrationdelivery.engine.backfill;

import io.github.migrationdelivery.engine.plan.Dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.OptionalDouble;

/**
 * What a backfill asks of the server, per dialect: the table's key, each batch session's
 * timeouts, replication lag, who waits on the backfill's locks, and the checkpoint table's DDL.
 */
interface BackfillServer {

    static BackfillServer of(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? new PostgresBackfill() : new MariadbBackfill();
    }

    /** The table and the key to walk; BAD_INPUT with the reason when it has none usable. */
    TableKey key(Connection c, String table) throws SQLException;

    /** Whether {@code (a, b) > (?, ?)} uses an index here (see {@link Keyset}). */
    boolean rowValues();

    /** The batch session: its lock and statement timeouts, and a name other sessions can see. */
    void configureBatchSession(Connection c, BackfillSettings settings) throws SQLException;

    long sessionId(Connection c) throws SQLException;

    /** The server's own view of replication lag in seconds; empty when it has none (no replicas, or not visible here). */
    OptionalDouble replicationLag(Connection c) throws SQLException;

    /** What {@link #replicationLag} reads, for the start line. */
    String lagSource();

    /** The longest that any session has been waiting on a lock held by {@code sessionId}, in ms; 0 when none waits. */
    long longestWaitOn(Connection observer, long sessionId) throws SQLException;

    /** A timestamp with milliseconds, for the checkpoint table. */
    String timestampType();

    /** What follows a CREATE TABLE's column list here (the storage engine). */
    String tableOptions();

    /** The current time with milliseconds, as a SQL expression. */
    String now();

    boolean isLockTimeout(SQLException e);

    boolean isStatementTimeout(SQLException e);

    boolean isConnectionLost(SQLException e);
}

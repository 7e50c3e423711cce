package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.QualifiedName;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the dry-run asks of the snapshot's server, per dialect: session settings, the catalog
 * (relations, storage identity, keys) and lock observation. Everything dialect-specific lives in
 * the implementations so {@link DryRun} reads the same for both families.
 */
interface Server {

    static Server of(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? new PostgresServer() : new MariadbServer();
    }

    /** Timeouts of the migration session, as the settings ask. */
    void configureMigrationSession(Connection c, DryRunSettings settings) throws SQLException;

    /** A probe session: read committed, autocommit, a short lock wait so a blocked probe retries instead of queueing. */
    void configureProbeSession(Connection c) throws SQLException;

    /** The server's id of the session (backend pid, connection id), for samplers on another connection. */
    long sessionId(Connection c) throws SQLException;

    /** Prepares lock sampling on the observer connection; returns how locks will be captured, or why they cannot be. */
    String prepareSampling(Connection observer, int intervalMs);

    /** Whether this server can list a session's own locks right after a statement, before commit. */
    boolean seesOwnLocks();

    /** The locks the session itself holds now (only when {@link #seesOwnLocks()}). */
    List<LockHeld> ownLocks(Connection c) throws SQLException;

    /** The locks session {@code sessionId} holds now, seen from another connection. */
    List<LockHeld> sessionLocks(Connection observer, long sessionId) throws SQLException;

    /** User relations (tables, indexes, views) that exist now, as reports name them. */
    Set<String> relations(Connection c) throws SQLException;

    /** Each user table's storage identity (relfilenode; InnoDB table id): it changes when the table is rewritten. */
    Map<String, Long> storage(Connection c) throws SQLException;

    /** The table as reports name it, or empty when it does not exist (yet). */
    Optional<String> resolve(Connection c, QualifiedName table) throws SQLException;

    /** A row of the table to probe, chosen now; empty when the table has no rows. */
    Optional<ProbeTarget> probeTarget(Connection c, String table) throws SQLException;

    int strength(String mode);

    boolean blocksReads(String mode);

    boolean blocksWrites(String mode);

    /** The statement waited too long for a lock another session holds. */
    boolean isLockTimeout(SQLException e);

    /** A probe's short wait ran out: try again. */
    boolean isProbeTimeout(SQLException e);

    /** The connection is gone (server shut down, database dropped). */
    boolean isConnectionLost(SQLException e);
}

package io.github.migrationdelivery.engine.migrate;

import io.github.migrationdelivery.engine.plan.Dialect;
import io.github.migrationdelivery.engine.sql.QualifiedName;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** What a migration asks of the target server, per dialect. */
interface Target {

    static Target of(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? new PostgresTarget() : new MariadbTarget();
    }

    /** Names the session for other DBAs' views and makes the server notice a dead client mid-statement. */
    void identify(Connection c) throws SQLException;

    /** The timeouts every changeset starts with (a changeset's own SET then wins until it ends). */
    void timeouts(Connection c, MigrateSettings settings) throws SQLException;

    /**
     * Takes the database's migration lock, held by the session until it ends (so a killed run
     * cannot leave it behind); empty when taken, else who holds it.
     */
    Optional<String> takeRunLock(Connection c) throws SQLException;

    void releaseRunLock(Connection c) throws SQLException;

    /** The statement waited longer than the lock timeout for a lock another session holds. */
    boolean isLockTimeout(SQLException e);

    /** Other sessions holding locks on these tables now, described for a one-line message (queries cut short). */
    Optional<String> lockHolders(Connection c, List<QualifiedName> tables) throws SQLException;

    /** Drops the index when a failed or killed {@code CREATE INDEX CONCURRENTLY} left it INVALID; true when it did. */
    boolean dropInvalidIndex(Connection c, QualifiedName index) throws SQLException;
}

package io.github.migrationdelivery.engine.history;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Changeset;
import liquibase.ChecksumVersion;
import liquibase.Scope;
import liquibase.change.CheckSum;
import liquibase.changelog.ChangeLogHistoryService;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.lockservice.DatabaseChangeLogLock;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.core.MarkChangeSetRanStatement;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Liquibase's tracking tables, kept the way Liquibase keeps them: its own history service creates
 * DATABASECHANGELOG and DATABASECHANGELOGLOCK, its lock service takes the lock for the run, its
 * history service says which changesets ran (matching id, author and file as Liquibase does), and
 * each applied changeset gets the row Liquibase's {@link MarkChangeSetRanStatement} generates,
 * executed on the caller's connection so it commits or rolls back with the changeset.
 * The plan does not keep Liquibase's ChangeSet objects, so rows and look-ups use a ChangeSet
 * rebuilt from id, author and file, carrying the checksum the plan read from the changelog.
 */
public final class LiquibaseHistory implements AutoCloseable {

    /** Who holds the Liquibase lock, as DATABASECHANGELOGLOCK says, and for how long (by the server's clock). */
    public record LockHolder(String lockedBy, Instant granted, Duration age) {

        @Override
        public String toString() {
            return "'" + lockedBy + "' since " + granted + " (" + age.toSeconds() + " s ago)";
        }
    }

    private final Database database;
    private final LockService lock;
    private final ChangeLogHistoryService history;

    private LiquibaseHistory(Database database, LockService lock, ChangeLogHistoryService history) {
        this.database = database;
        this.lock = lock;
        this.history = history;
    }

    /**
     * Creates the tracking tables when absent and takes the Liquibase lock without waiting. A lock
     * held by someone else is released only when {@code releaseOlderThan} is given and the lock is
     * older than that; otherwise the answer is one LOCKED line naming the holder.
     */
    public static LiquibaseHistory open(Connection connection, Optional<Duration> releaseOlderThan) {
        boolean autoCommit;
        try {
            autoCommit = connection.getAutoCommit();
        } catch (SQLException e) {
            throw failed(e);
        }
        try {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            LockService lock = LockServiceFactory.getInstance().getLockService(database);
            if (!lock.acquireLock()) {
                LockHolder holder = holder(connection, lock);
                if (releaseOlderThan.isEmpty() || holder.age().compareTo(releaseOlderThan.get()) <= 0) {
                    throw new EngineException(EngineException.Kind.LOCKED, "the Liquibase lock (DATABASECHANGELOGLOCK) is held by "
                            + holder + (releaseOlderThan.isEmpty() ? "; if that run is dead, release it with --release-stale-lock AGE"
                            : "; younger than --release-stale-lock " + releaseOlderThan.get().toSeconds() + " s, so it stays"));
                }
                lock.forceReleaseLock();
                if (!lock.acquireLock()) {
                    throw new EngineException(EngineException.Kind.LOCKED, "the Liquibase lock was taken by "
                            + holder(connection, lock) + " right after the stale one was released");
                }
            }
            ChangeLogHistoryService history = Scope.getCurrentScope().getSingleton(ChangeLogHistoryServiceFactory.class)
                    .getChangeLogService(database);
            history.init();
            history.generateDeploymentId();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return new LiquibaseHistory(database, lock, history);
        } catch (LiquibaseException | SQLException e) {
            throw failed(e);
        } finally {
            try {
                connection.setAutoCommit(autoCommit);
            } catch (SQLException e) {
                // The connection is gone; whoever uses it next reports that.
            }
        }
    }

    private static LockHolder holder(Connection connection, LockService lock) throws LiquibaseException, SQLException {
        DatabaseChangeLogLock[] locks = lock.listLocks();
        if (locks.length == 0) {
            return new LockHolder("(released meanwhile)", Instant.now(), Duration.ZERO);
        }
        Instant granted = locks[0].getLockGranted().toInstant();
        Instant now;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_TIMESTAMP")) {
            rs.next();
            now = rs.getTimestamp(1).toInstant();
        }
        return new LockHolder(String.valueOf(locks[0].getLockedBy()), granted, Duration.between(granted, now));
    }

    private static EngineException failed(Exception e) {
        return new EngineException(EngineException.Kind.DATABASE, "Liquibase tracking tables: "
                + EngineException.serverMessage(e), null, e);
    }

    /** The row DATABASECHANGELOG holds for the changeset, if it ran. */
    public Optional<RanChangeSet> ran(Changeset changeset) {
        try {
            return Optional.ofNullable(history.getRanChangeSet(rebuilt(changeset)));
        } catch (LiquibaseException e) {
            throw failed(e);
        }
    }

    /** The SQL that inserts the changeset's DATABASECHANGELOG row (DATEEXECUTED is the server's clock when it runs). */
    public List<String> row(Changeset changeset) {
        ChangeSet cs = rebuilt(changeset);
        if (!changeset.description().isEmpty()) {
            cs.setComments(changeset.description());
        }
        Sql[] sql = SqlGeneratorFactory.getInstance().generateSql(new MarkChangeSetRanStatement(cs, ChangeSet.ExecType.EXECUTED),
                database);
        List<String> out = new ArrayList<>();
        for (Sql one : sql) {
            out.add(one.toSql());
        }
        return out;
    }

    private static ChangeSet rebuilt(Changeset changeset) {
        String file = changeset.position().file().toString().replace('\\', '/');
        return new ChangeSet(changeset.id(), changeset.author(), false, false, file, null, null, null) {
            // The rebuilt changeset has no changes; the row must carry the original's checksum.
            @Override
            public CheckSum generateCheckSum(ChecksumVersion version) {
                return changeset.checksum().isEmpty() ? super.generateCheckSum(version) : CheckSum.parse(changeset.checksum());
            }
        };
    }

    /** Runs {@link #row} on {@code connection}, in its current transaction. */
    public void record(Connection connection, List<String> row) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String one : row) {
                s.execute(one);
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.releaseLock();
        } catch (LiquibaseException e) {
            // The connection is gone: the lock row stays, and the next run names it as stale.
        }
    }
}

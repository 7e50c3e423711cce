package io.github.migrationdelivery.engine.dryrun;

import io.github.migrationdelivery.engine.plan.Changeset;
import liquibase.ChecksumVersion;
import liquibase.Scope;
import liquibase.change.CheckSum;
import liquibase.changelog.ChangeLogHistoryService;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.core.MarkChangeSetRanStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Liquibase's tracking tables on the snapshot, kept the way Liquibase keeps them: its own history
 * service creates DATABASECHANGELOG and DATABASECHANGELOGLOCK, its lock service takes the lock
 * for the run, and each applied changeset gets the row Liquibase's {@link MarkChangeSetRanStatement}
 * generates, executed on the migration connection so it commits or rolls back with the changeset.
 * The plan does not keep Liquibase's ChangeSet objects, so the row is generated for a ChangeSet
 * rebuilt from id, author and file, carrying the checksum the plan read from the changelog.
 */
final class ChangelogHistory implements AutoCloseable {

    private final Database database;
    private final LockService lock;

    private ChangelogHistory(Database database, LockService lock) {
        this.database = database;
        this.lock = lock;
    }

    static ChangelogHistory open(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        try {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            LockService lock = LockServiceFactory.getInstance().getLockService(database);
            lock.waitForLock();
            ChangeLogHistoryService history = Scope.getCurrentScope().getSingleton(ChangeLogHistoryServiceFactory.class)
                    .getChangeLogService(database);
            history.init();
            history.generateDeploymentId();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return new ChangelogHistory(database, lock);
        } catch (LiquibaseException e) {
            throw new SQLException("Liquibase tracking tables: " + e.getMessage(), e);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The SQL that inserts the changeset's DATABASECHANGELOG row (DATEEXECUTED is the server's clock when it runs). */
    List<String> row(Changeset changeset) {
        String file = changeset.position().file().toString().replace('\\', '/');
        ChangeSet cs = new ChangeSet(changeset.id(), changeset.author(), false, false, file, null, null, null) {
            // The rebuilt changeset has no changes; the row must carry the original's checksum.
            @Override
            public CheckSum generateCheckSum(ChecksumVersion version) {
                return changeset.checksum().isEmpty() ? super.generateCheckSum(version) : CheckSum.parse(changeset.checksum());
            }
        };
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

    /** Runs {@link #row} on {@code connection}, in its current transaction. */
    void record(Connection connection, List<String> row) throws SQLException {
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
            // The snapshot is thrown away next; a lock row left behind there harms nobody.
        }
    }
}

package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jdbc:<url>} and {@code template:<url>}: a throw-away copy of a database, made on the same
 * server. PostgreSQL copies with {@code CREATE DATABASE ... TEMPLATE} (a file-level copy, the fastest
 * there is). MariaDB/MySQL have no template: the copy is {@code mariadb-dump --single-transaction |
 * mysql} into a fresh database. The dump reads in one consistent InnoDB snapshot without row locks
 * (an {@code INSERT ... SELECT} would take shared locks on the source under statement binlogging) and
 * carries foreign keys, views, triggers and routines, which {@code CREATE TABLE ... LIKE} does not;
 * it is slower than a server-side copy, the price of never blocking writers on the source.
 * Events are not copied: they would run on the copy.
 *
 * <p>With {@code --in-place}, a {@code jdbc:} database is used as it is and closing drops nothing.
 */
final class CloneProvider implements SnapshotProvider {

    private static final String PG_OBJECT_IN_USE = "55006";
    private static final String PG_INVALID_CATALOG_NAME = "3D000";

    private final String scheme;
    private final ConnectionSpec source;
    private final boolean inPlace;

    CloneProvider(String scheme, ConnectionSpec source, boolean inPlace) {
        this.scheme = scheme;
        this.source = source;
        this.inPlace = inPlace;
        if (source.database().isEmpty()) {
            throw EngineException.badInput("--snapshot " + scheme + " " + source.redacted() + ": the URL names no database");
        }
    }

    @Override
    public Snapshot open() {
        if (inPlace) {
            try (Connection ignored = ServerSql.connect(source)) {
                // reachable with these credentials
            } catch (SQLException e) {
                throw ServerSql.failure(source, "connecting to " + source.redacted(), e);
            }
            return ThrowAwaySnapshot.kept(source, scheme + " " + source.redacted() + " (in place, kept)");
        }
        ConnectionSpec admin = ServerSql.admin(source);
        String name = ServerSql.throwAwayName();
        ThrowAwaySnapshot snapshot = ThrowAwaySnapshot.arm(name, () -> ServerSql.dropDatabase(admin, name));
        try {
            if (source.dialect() == Dialect.POSTGRESQL) {
                cloneWithTemplate(admin, name);
            } else {
                copyWithDump(admin, name);
            }
            return snapshot.ready(source.withDatabase(name),
                    scheme + " " + source.redacted() + " copied to " + name + " (dropped on close)");
        } catch (RuntimeException e) {
            throw snapshot.abandon(e);
        }
    }

    private void cloneWithTemplate(ConnectionSpec admin, String name) {
        String src = source.database();
        try (Connection c = ServerSql.connect(admin)) {
            // FILE_COPY (15+): one checkpoint and a file copy, much faster for a big source than
            // WAL_LOG, 15's default, which writes every block of the copy to the WAL.
            String strategy = c.getMetaData().getDatabaseMajorVersion() >= 15 ? " STRATEGY = FILE_COPY" : "";
            c.createStatement().execute("CREATE DATABASE " + ServerSql.quote(Dialect.POSTGRESQL, name)
                    + " TEMPLATE " + ServerSql.quote(Dialect.POSTGRESQL, src) + strategy);
        } catch (SQLException e) {
            if (PG_OBJECT_IN_USE.equals(e.getSQLState())) {
                throw new EngineException(EngineException.Kind.DATABASE, "--snapshot " + scheme
                        + " source database \"" + src + "\" on " + Endpoint.of(source).host() + " is being accessed by "
                        + otherSessions(admin, src) + " other session(s); CREATE DATABASE ... TEMPLATE needs them "
                        + "to disconnect first (or use dump: or synthetic:)", null, null);
            }
            if (PG_INVALID_CATALOG_NAME.equals(e.getSQLState())) {
                throw new EngineException(EngineException.Kind.DATABASE, "--snapshot " + scheme
                        + " source database \"" + src + "\" does not exist on " + Endpoint.of(source).host(), null, null);
            }
            throw ServerSql.failure(admin, "copying " + src + " to " + name, e);
        }
    }

    private static String otherSessions(ConnectionSpec admin, String database) {
        try (Connection c = ServerSql.connect(admin);
             PreparedStatement ps = c.prepareStatement(
                     "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Long.toString(rs.getLong(1)) : "some";
            }
        } catch (SQLException | EngineException e) {
            return "some";
        }
    }

    private void copyWithDump(ConnectionSpec admin, String name) {
        ServerSql.createEmptyLike(admin, source, name, "--snapshot " + scheme);
        Path dump = ClientTools.find(scheme, "mariadb-dump", "mysqldump");
        Path client = ClientTools.find(scheme, "mariadb", "mysql");
        List<String> dumpCmd = new ArrayList<>(List.of(dump.toString(), "--single-transaction", "--quick",
                "--routines", "--triggers", "--skip-events", "--hex-blob", "--no-create-db", "--skip-comments"));
        dumpCmd.addAll(ClientTools.mysqlArgs(source));
        dumpCmd.add(source.database());
        List<String> loadCmd = new ArrayList<>(List.of(client.toString()));
        loadCmd.addAll(ClientTools.mysqlArgs(source));
        loadCmd.add(name);
        ClientTools.run(List.of(dumpCmd, loadCmd), ClientTools.passwordEnvironment(source), null,
                "copying " + source.database() + " to " + name);
    }
}

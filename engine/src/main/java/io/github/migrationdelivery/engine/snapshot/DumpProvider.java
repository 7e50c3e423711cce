package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.plan.Dialect;

import java.nio.file.Path;

/**
 * {@code dump:<path>[?server=<jdbc-url>]}: a fresh database on the server, loaded from a dump file
 * ({@link DumpRestore}). Dropped on close.
 */
final class DumpProvider implements SnapshotProvider {

    private final Path file;
    private final ConnectionSpec server;

    DumpProvider(Path file, ConnectionSpec server) {
        this.file = file;
        this.server = server;
    }

    @Override
    public Snapshot open() {
        ConnectionSpec admin = ServerSql.admin(server);
        String name = ServerSql.throwAwayName();
        ThrowAwaySnapshot snapshot = ThrowAwaySnapshot.arm(name, () -> ServerSql.dropDatabase(admin, name));
        try {
            ServerSql.createDatabase(admin, name);
            ConnectionSpec target = admin.withDatabase(name);
            DumpRestore.restore(file, target);
            return snapshot.ready(target, "dump:" + file + " restored into " + name + " on "
                    + JdbcUrls.withoutSecrets(admin.jdbcUrl()) + " (dropped on close)");
        } catch (RuntimeException e) {
            throw snapshot.abandon(e);
        }
    }

    static String defaultServer(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? "jdbc:postgresql://127.0.0.1:5432/postgres" : null;
    }
}

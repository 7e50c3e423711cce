package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.snapshot.SyntheticCatalog.Table;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code synthetic:<jdbc-url-of-source>}: the source's schema with generated rows, for when its
 * data may not leave production. On a fresh database on the source's server: the source's
 * catalog and statistics are read (only read), the schema copied, then per table, parents first,
 * source rows x {@code --scale} generated set-based on the server ({@link SyntheticRows}), then
 * what had to wait for the rows. What differs per server is in its {@link SyntheticServer}.
 */
final class SyntheticProvider implements SnapshotProvider {

    private final ConnectionSpec source;
    private final double scale;
    private final SyntheticServer server;

    SyntheticProvider(ConnectionSpec source, double scale, SyntheticServer server) {
        this.source = source;
        this.scale = scale;
        this.server = server;
    }

    @Override
    public Snapshot open() {
        ConnectionSpec admin = ServerSql.admin(source);
        String name = ServerSql.throwAwayName();
        ThrowAwaySnapshot snapshot = ThrowAwaySnapshot.arm(name, () -> ServerSql.dropDatabase(admin, name));
        try {
            SyntheticCatalog catalog;
            try (Connection c = ServerSql.connect(source)) {
                c.setReadOnly(true);
                catalog = server.read(c);
            } catch (SQLException e) {
                throw ServerSql.failure(source, "synthetic: reading the catalog of " + source.database(), e);
            }
            server.create(admin, source, name);
            ConnectionSpec target = source.withDatabase(name);
            server.copySchema(source, target);
            List<String> notes = new ArrayList<>(catalog.notes());
            long total = 0;
            try (Connection c = ServerSql.connect(target); Statement s = c.createStatement()) {
                SyntheticServer.Load load = server.load(source, target, c);
                SyntheticRows generator = new SyntheticRows(catalog.tables(), scale, load.values());
                for (Table t : generator.dependencyOrder()) {
                    load.beforeRows(s, t, generator.cyclic(t));
                    Optional<String> insert = generator.insert(t);
                    if (insert.isPresent()) {
                        try {
                            total += s.executeLargeUpdate(insert.get());
                        } catch (SQLException e) {
                            throw ServerSql.failure(target, "synthetic: generating rows of " + t.displayName(), e);
                        }
                    }
                    load.afterRows(s, t);
                }
                notes.addAll(load.finish(s));
            } catch (SQLException e) {
                throw ServerSql.failure(target, "synthetic: building " + name, e);
            }
            return snapshot.ready(target, "synthetic: " + source.redacted() + " as " + name + " (" + catalog.tables().size()
                    + " tables, " + total + " generated rows, scale " + scale + ", dropped on close)"
                    + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)));
        } catch (RuntimeException e) {
            throw snapshot.abandon(e);
        }
    }
}

package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.snapshot.SyntheticCatalog.Table;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The steps of {@code synthetic:} that differ per server; {@link SyntheticProvider} runs them in
 * order, the same for every server.
 */
interface SyntheticServer {

    /** The source's tables, row counts and statistics, on a read-only connection: never a write there. */
    SyntheticCatalog read(Connection source) throws SQLException;

    /** An empty database {@code name} on the source's server, with the source's encoding and collation. */
    void create(ConnectionSpec admin, ConnectionSpec source, String name);

    /** The source's schema into the target, without what has to wait until the rows are in. */
    void copySchema(ConnectionSpec source, ConnectionSpec target);

    /** Prepares the target session {@code c} to take the generated rows. */
    Load load(ConnectionSpec source, ConnectionSpec target, Connection c) throws SQLException;

    /** One filling of the target, on one session. */
    interface Load {

        SyntheticValues values();

        /**
         * Before the rows of a table; {@code cyclic}: it references a table that has no rows yet
         * (itself, or a cycle of foreign keys).
         */
        default void beforeRows(Statement s, Table t, boolean cyclic) throws SQLException {
            // most servers need nothing here
        }

        default void afterRows(Statement s, Table t) throws SQLException {
            // most servers need nothing here
        }

        /** What is left once all rows are in; returns lines the snapshot's description adds. */
        List<String> finish(Statement s) throws SQLException;
    }
}

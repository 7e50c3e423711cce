package io.github.migrationdelivery.engine.snapshot;

/**
 * A throw-away, production-like database the dry-run may change freely. Closing it drops what
 * the provider created (a database, a container, a server), also after a failure.
 */
public interface Snapshot extends AutoCloseable {

    /** Where the dry-run connects. */
    ConnectionSpec connection();

    /** One line for reports: the provider and its source, without secrets. */
    String description();

    /** Drops the throw-away database; never throws for a database that is already gone. */
    @Override
    void close();
}

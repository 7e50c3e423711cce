package io.github.migrationdelivery.engine.snapshot;

/** Makes snapshots of one kind ({@code template:}, {@code dump:}, {@code embedded:}, ...). */
public interface SnapshotProvider {

    /** Creates the throw-away database. Never writes to the source it copies from. */
    Snapshot open();
}

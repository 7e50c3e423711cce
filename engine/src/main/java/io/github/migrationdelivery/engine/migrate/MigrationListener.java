package io.github.migrationdelivery.engine.migrate;

/** Hears what a migration does, one line per event, as it happens (so a killed run's log says how far it got). */
@FunctionalInterface
public interface MigrationListener {

    MigrationListener NONE = line -> { };

    void event(String line);
}

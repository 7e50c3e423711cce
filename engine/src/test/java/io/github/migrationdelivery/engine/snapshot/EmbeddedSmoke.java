package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.plan.Dialect;

import java.sql.Connection;
import java.sql.ResultSet;

/** Run by {@link EmbeddedProviderTest} in a child JVM as a non-root user: opens embedded:15, prints version(), closes. */
public final class EmbeddedSmoke {

    private EmbeddedSmoke() {
    }

    public static void main(String[] args) throws Exception {
        String dataDir;
        try (Snapshot s = Snapshots.provider("embedded:" + args[0], Dialect.POSTGRESQL, SnapshotOptions.of(System.getenv())).open()) {
            ConnectionSpec spec = s.connection();
            try (Connection c = spec.open();
                 ResultSet rs = c.createStatement().executeQuery("SELECT version(), current_setting('data_directory')")) {
                rs.next();
                System.out.println("VERSION " + rs.getString(1));
                dataDir = rs.getString(2);
            }
        }
        System.out.println("DATA_DIR_GONE " + !java.nio.file.Files.exists(java.nio.file.Path.of(dataDir)));
    }
}

package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code testcontainers:postgres:<tag>} / {@code testcontainers:mariadb:<tag>}, optionally
 * {@code ?dump=<path>}: a database server in a Docker container, seeded from the dump. Closing stops
 * and removes the container (Testcontainers' Ryuk also removes it if this JVM dies).
 */
final class ContainerProvider implements SnapshotProvider {

    private final Dialect dialect;
    private final String image;
    private final Optional<Path> dump;

    ContainerProvider(Dialect dialect, String image, Optional<Path> dump) {
        this.dialect = dialect;
        this.image = image;
        this.dump = dump;
    }

    @Override
    public Snapshot open() {
        if (!dockerAvailable()) {
            throw new EngineException(EngineException.Kind.DATABASE, "--snapshot testcontainers:" + image
                    + " needs a running Docker engine and none was found; use template:, dump:, jdbc: or embedded: instead",
                    null, null);
        }
        AtomicReference<JdbcDatabaseContainer<?>> started = new AtomicReference<>();
        ThrowAwaySnapshot snapshot = ThrowAwaySnapshot.arm("container", () -> {
            JdbcDatabaseContainer<?> c = started.get();
            if (c != null) {
                c.stop();
            }
        });
        try {
            JdbcDatabaseContainer<?> container = dialect == Dialect.POSTGRESQL
                    ? new PostgreSQLContainer(image) : new MariaDBContainer(image);
            started.set(container);
            container.start();
            ConnectionSpec spec = new ConnectionSpec(dialect, container.getJdbcUrl(), container.getUsername(),
                    Secret.of(container.getPassword()));
            dump.ifPresent(file -> DumpRestore.restore(file, spec));
            return snapshot.ready(spec, "testcontainers:" + image
                    + dump.map(f -> " seeded from " + f).orElse("") + " (container removed on close)");
        } catch (RuntimeException e) {
            if (e instanceof EngineException) {
                throw snapshot.abandon(e);
            }
            throw snapshot.abandon(new EngineException(EngineException.Kind.DATABASE, "--snapshot testcontainers:"
                    + image + ": the container did not start: " + firstLine(e.getMessage()), null, e));
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String firstLine(String s) {
        String m = s == null ? "" : s.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}

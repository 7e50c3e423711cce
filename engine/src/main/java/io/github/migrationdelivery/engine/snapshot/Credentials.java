package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.Dialect;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a user's JDBC URL into a {@link ConnectionSpec}: the user and password move out of the URL
 * (so the URL handed to the driver and shown in reports holds no secret).
 *
 * <p>User: URL user info, else a {@code user=} parameter, else {@code PGUSER} (PostgreSQL) or
 * {@code MD_DB_USER}, else {@code postgres} / {@code root}.
 * Password: URL user info, else a {@code password=} parameter, else {@code PGPASSWORD} (PostgreSQL
 * only), else {@code MD_DB_PASSWORD}, else the password file (its first line), else none.
 */
public final class Credentials {

    private Credentials() {
    }

    public static ConnectionSpec resolve(String url, SnapshotOptions options) {
        JdbcUrls.Parts parts = JdbcUrls.parse(url);
        Dialect dialect = dialectOf(parts);
        String user = null;
        String password = null;
        if (!parts.userInfo().isEmpty()) {
            int colon = parts.userInfo().indexOf(':');
            user = decode(colon < 0 ? parts.userInfo() : parts.userInfo().substring(0, colon));
            password = colon < 0 ? null : decode(parts.userInfo().substring(colon + 1));
        }
        List<String> kept = new ArrayList<>();
        for (String param : parts.params().isEmpty() ? new String[0] : parts.params().split("&")) {
            String key = param.contains("=") ? param.substring(0, param.indexOf('=')).toLowerCase(Locale.ROOT) : param;
            String value = param.contains("=") ? decode(param.substring(param.indexOf('=') + 1)) : "";
            if (key.equals("user")) {
                user = user == null ? value : user;
            } else if (key.equals("password")) {
                password = password == null ? value : password;
            } else {
                kept.add(param);
            }
        }
        var env = options.environment();
        if (user == null || user.isEmpty()) {
            user = firstNonEmpty(dialect == Dialect.POSTGRESQL ? env.get("PGUSER") : null, env.get("MD_DB_USER"))
                    .orElse(dialect == Dialect.POSTGRESQL ? "postgres" : "root");
        }
        if (password == null) {
            password = firstNonEmpty(dialect == Dialect.POSTGRESQL ? env.get("PGPASSWORD") : null, env.get("MD_DB_PASSWORD"))
                    .or(() -> options.passwordFile().map(Credentials::readPasswordFile))
                    .orElse(null);
        }
        String bare = new JdbcUrls.Parts(parts.subprotocol(), "", parts.hosts(), parts.database(), String.join("&", kept)).url();
        return new ConnectionSpec(dialect, bare, user, Secret.of(password));
    }

    static Dialect dialectOf(JdbcUrls.Parts parts) {
        return switch (parts.subprotocol()) {
            case "postgresql" -> Dialect.POSTGRESQL;
            case "mysql" -> Dialect.MYSQL;
            default -> Dialect.MARIADB;
        };
    }

    private static String readPasswordFile(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).replace("\r", "");
        } catch (IOException | RuntimeException e) {
            throw EngineException.badInput("--password-file " + file + ": cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static Optional<String> firstNonEmpty(String a, String b) {
        if (a != null && !a.isEmpty()) {
            return Optional.of(a);
        }
        return Optional.ofNullable(b).filter(s -> !s.isEmpty());
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // not percent-encoded after all: take it literally
        }
    }
}

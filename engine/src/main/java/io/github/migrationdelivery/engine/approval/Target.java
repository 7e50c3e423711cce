package io.github.migrationdelivery.engine.approval;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.snapshot.JdbcUrls;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The database an approval is for, as {@code postgresql://host:port/database}: no user, password
 * or parameters, host in lower case and the default port spelt out, so the same database gives
 * the same identity however its URL is written, and the identity can be logged.
 */
public record Target(String id) {

    public static Target of(String jdbcUrl) {
        JdbcUrls.Parts parts = JdbcUrls.parse(jdbcUrl);
        if (parts.database().isEmpty()) {
            throw EngineException.badInput("target '" + JdbcUrls.withoutSecrets(jdbcUrl) + "' names no database");
        }
        int defaultPort = "postgresql".equals(parts.subprotocol()) ? 5432 : 3306;
        List<String> hosts = new ArrayList<>();
        for (String h : parts.hosts().split(",")) {
            String host = h.trim().toLowerCase(Locale.ROOT);
            if (host.isEmpty()) {
                host = "localhost";
            }
            boolean hasPort = host.startsWith("[") ? host.contains("]:") : host.contains(":");
            hosts.add(hasPort ? host : host + ":" + defaultPort);
        }
        String scheme = "postgresql".equals(parts.subprotocol()) ? "postgresql" : "mysql";
        return new Target(scheme + "://" + String.join(",", hosts) + "/" + parts.database());
    }

    @Override
    public String toString() {
        return id;
    }
}

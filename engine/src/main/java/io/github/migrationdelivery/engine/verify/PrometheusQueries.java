package io.github.migrationdelivery.engine.verify;

import io.github.migrationdelivery.engine.EngineException;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where to ask Prometheus and what.
 *
 * @param server     the server's base address ({@code http://prometheus:9090}, or with a path prefix);
 *                   an address that already ends in {@code /api/v1/query} is used as it is
 * @param errorRate  an instant query giving the error rate as a fraction (0.01 = 1%), one series
 * @param latencyP95 an instant query giving the 95th percentile latency in seconds, one series
 */
public record PrometheusQueries(URI server, Optional<String> errorRate, Optional<String> latencyP95) {

    private static final String QUERY_PATH = "/api/v1/query";

    public PrometheusQueries {
        Objects.requireNonNull(server, "server");
        if (errorRate.isEmpty() && latencyP95.isEmpty()) {
            throw EngineException.badInput("--prometheus-url: give --error-rate-query, --latency-p95-query or both");
        }
        if (!"http".equalsIgnoreCase(server.getScheme()) && !"https".equalsIgnoreCase(server.getScheme())) {
            throw EngineException.badInput("--prometheus-url: must be an http:// or https:// address (got "
                    + Endpoints.shown(server) + ")");
        }
    }

    /** The instant-query address for {@code query}. */
    URI queryUri(String query) {
        String base = server.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (!base.endsWith(QUERY_PATH)) {
            base += QUERY_PATH;
        }
        return URI.create(base + "?query=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8));
    }
}

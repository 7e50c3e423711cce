package io.github.migrationdelivery.engine.metrics;

import io.github.migrationdelivery.engine.EngineException;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where OTLP/HTTP goes, configured the way every OpenTelemetry SDK reads it:
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} (the flag wins) with {@code /v1/traces} and {@code /v1/metrics}
 * appended, or the signal's own {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} /
 * {@code OTEL_EXPORTER_OTLP_METRICS_ENDPOINT} as they are; headers from
 * {@code OTEL_EXPORTER_OTLP_HEADERS}; the resource from {@code OTEL_SERVICE_NAME} and
 * {@code OTEL_RESOURCE_ATTRIBUTES}.
 *
 * @param headers  sent with every request (an API key, typically): never printed
 * @param warnings what was configured but is not honoured, one line each
 */
public record OtlpTarget(Optional<URI> traces, Optional<URI> metrics, Map<String, String> headers,
                         Map<String, String> resource, List<String> warnings) {

    public static final String DEFAULT_SERVICE_NAME = "migration-delivery";

    public OtlpTarget {
        headers = Map.copyOf(headers);
        resource = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(resource));
        warnings = List.copyOf(warnings);
    }

    /** The target, or empty when neither the flag nor the environment names an endpoint. */
    public static Optional<OtlpTarget> configure(Optional<String> endpointFlag, Map<String, String> env) {
        Optional<String> base = endpointFlag.or(() -> value(env, "OTEL_EXPORTER_OTLP_ENDPOINT"));
        Optional<URI> traces = value(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT").map(u -> uri(u, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"))
                .or(() -> base.map(b -> signal(b, "traces")));
        Optional<URI> metrics = value(env, "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT").map(u -> uri(u, "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"))
                .or(() -> base.map(b -> signal(b, "metrics")));
        if (traces.isEmpty() && metrics.isEmpty()) {
            return Optional.empty();
        }
        List<String> warnings = new ArrayList<>();
        value(env, "OTEL_EXPORTER_OTLP_PROTOCOL").filter(p -> !p.equalsIgnoreCase("http/json"))
                .ifPresent(p -> warnings.add("OTEL_EXPORTER_OTLP_PROTOCOL=" + p + " is not supported; sending http/json"));
        Map<String, String> resource = new LinkedHashMap<>();
        resource.put("service.name", DEFAULT_SERVICE_NAME);
        resource.putAll(pairs(value(env, "OTEL_RESOURCE_ATTRIBUTES"), "OTEL_RESOURCE_ATTRIBUTES"));
        value(env, "OTEL_SERVICE_NAME").ifPresent(n -> resource.put("service.name", n));
        return Optional.of(new OtlpTarget(traces, metrics, pairs(value(env, "OTEL_EXPORTER_OTLP_HEADERS"),
                "OTEL_EXPORTER_OTLP_HEADERS"), resource, warnings));
    }

    private static URI signal(String base, String signal) {
        return uri(base.replaceAll("/+$", "") + "/v1/" + signal, "OTLP endpoint");
    }

    private static URI uri(String text, String setting) {
        URI u;
        try {
            u = URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw EngineException.badInput(setting + ": not an address");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
            throw EngineException.badInput(setting + ": must be an http:// or https:// address");
        }
        return u;
    }

    /** {@code key1=value1,key2=value2}, values percent-decoded (the OpenTelemetry environment format). */
    private static Map<String, String> pairs(Optional<String> text, String setting) {
        Map<String, String> map = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return map;
        }
        for (String pair : text.get().split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                // The value may be a secret: name only the setting.
                throw EngineException.badInput(setting + ": each entry must be key=value");
            }
            map.put(pair.substring(0, eq).trim(), URLDecoder.decode(pair.substring(eq + 1).trim(), StandardCharsets.UTF_8));
        }
        return map;
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }
}

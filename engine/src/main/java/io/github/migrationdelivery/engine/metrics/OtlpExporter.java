package io.github.migrationdelivery.engine.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends a snapshot as OTLP/HTTP with JSON bodies (the OTLP specification's JSON encoding of the
 * protobuf messages: ids in hex, 64-bit integers as strings, enums as numbers), without the
 * OpenTelemetry SDK: one request per signal at the end of a short command needs no batching.
 */
public final class OtlpExporter {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int SPAN_KIND_INTERNAL = 1;
    private static final int STATUS_OK = 1;
    private static final int STATUS_ERROR = 2;
    private static final int TEMPORALITY_CUMULATIVE = 2;

    private final OtlpTarget target;
    private final HttpClient http;

    public OtlpExporter(OtlpTarget target, HttpClient http) {
        this.target = target;
        this.http = http;
    }

    /** Sends spans and metrics; returns one line per signal that did not arrive (empty when all did). */
    public List<String> export(MetricsSnapshot snapshot) {
        List<String> problems = new ArrayList<>();
        target.traces().flatMap(u -> post(u, traces(snapshot).toString(), "traces")).ifPresent(problems::add);
        target.metrics().flatMap(u -> post(u, metrics(snapshot).toString(), "metrics")).ifPresent(problems::add);
        return problems;
    }

    /** An {@code ExportTraceServiceRequest}. */
    ObjectNode traces(MetricsSnapshot snapshot) {
        ArrayNode spans = JSON.arrayNode();
        for (SpanData s : snapshot.spans()) {
            ObjectNode span = spans.addObject();
            span.put("traceId", snapshot.traceId());
            span.put("spanId", s.spanId());
            if (!s.parentSpanId().isEmpty()) {
                span.put("parentSpanId", s.parentSpanId());
            }
            span.put("name", s.name());
            span.put("kind", SPAN_KIND_INTERNAL);
            span.put("startTimeUnixNano", nanos(s.start()));
            span.put("endTimeUnixNano", nanos(s.end()));
            span.set("attributes", attributes(s.attributes()));
            ObjectNode status = span.putObject("status");
            status.put("code", s.error() ? STATUS_ERROR : STATUS_OK);
            if (!s.statusMessage().isEmpty()) {
                status.put("message", s.statusMessage());
            }
        }
        return envelope(snapshot, "resourceSpans", "scopeSpans", "spans", spans);
    }

    /** An {@code ExportMetricsServiceRequest}: gauges, and counters as cumulative monotonic sums. */
    ObjectNode metrics(MetricsSnapshot snapshot) {
        ArrayNode metrics = JSON.arrayNode();
        Map<Metric, List<Series>> byMetric = new java.util.LinkedHashMap<>();
        snapshot.series().forEach(s -> byMetric.computeIfAbsent(s.metric(), m -> new ArrayList<>()).add(s));
        byMetric.forEach((m, series) -> {
            ObjectNode metric = metrics.addObject();
            metric.put("name", m.otelName());
            metric.put("description", m.help());
            metric.put("unit", m.unit());
            ObjectNode data = metric.putObject(m.type() == Metric.Type.COUNTER ? "sum" : "gauge");
            if (m.type() == Metric.Type.COUNTER) {
                data.put("aggregationTemporality", TEMPORALITY_CUMULATIVE);
                data.put("isMonotonic", true);
            }
            ArrayNode points = data.putArray("dataPoints");
            for (Series s : series) {
                ObjectNode point = points.addObject();
                point.set("attributes", attributes(new java.util.TreeMap<>(s.labels())));
                if (m.type() == Metric.Type.COUNTER) {
                    point.put("startTimeUnixNano", nanos(snapshot.started()));
                }
                point.put("timeUnixNano", nanos(snapshot.finished()));
                point.put("asDouble", s.value());
            }
        });
        return envelope(snapshot, "resourceMetrics", "scopeMetrics", "metrics", metrics);
    }

    /** {@code {"resource<Signal>": [{"resource": ..., "scope<Signal>": [{"scope": ..., "<items>": [...]}]}]}}. */
    private ObjectNode envelope(MetricsSnapshot snapshot, String resourceField, String scopeField, String itemsField,
                                ArrayNode items) {
        ObjectNode root = JSON.objectNode();
        ObjectNode perResource = root.putArray(resourceField).addObject();
        perResource.set("resource", resource(snapshot));
        ObjectNode perScope = perResource.putArray(scopeField).addObject();
        perScope.set("scope", scope(snapshot));
        perScope.set(itemsField, items);
        return root;
    }

    private ObjectNode resource(MetricsSnapshot snapshot) {
        Map<String, Object> attributes = new java.util.LinkedHashMap<>(target.resource());
        attributes.putIfAbsent("service.version", snapshot.toolVersion());
        ObjectNode resource = JSON.objectNode();
        resource.set("attributes", attributes(attributes));
        return resource;
    }

    private static ObjectNode scope(MetricsSnapshot snapshot) {
        ObjectNode scope = JSON.objectNode();
        scope.put("name", "io.github.migrationdelivery");
        scope.put("version", snapshot.toolVersion());
        return scope;
    }

    private static ArrayNode attributes(Map<String, ?> attributes) {
        ArrayNode list = JSON.arrayNode();
        attributes.forEach((k, v) -> {
            ObjectNode a = list.addObject();
            a.put("key", k);
            ObjectNode value = a.putObject("value");
            if (v instanceof Long || v instanceof Integer) {
                value.put("intValue", v.toString());
            } else if (v instanceof Double d) {
                value.put("doubleValue", d);
            } else if (v instanceof Boolean b) {
                value.put("boolValue", b);
            } else {
                value.put("stringValue", String.valueOf(v));
            }
        });
        return list;
    }

    private static String nanos(Instant t) {
        return Long.toString(t.getEpochSecond() * 1_000_000_000L + t.getNano());
    }

    private Optional<String> post(URI uri, String body, String signal) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            target.headers().forEach(request::header);
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                return Optional.of("OTLP " + signal + ": HTTP " + r.statusCode() + " from " + uri.getHost() + ":" + uri.getPort()
                        + uri.getPath());
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("OTLP " + signal + ": " + uri.getHost() + ":" + uri.getPort() + uri.getPath() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("OTLP " + signal + ": interrupted");
        } catch (IllegalArgumentException e) {
            return Optional.of("OTLP " + signal + ": a header in OTEL_EXPORTER_OTLP_HEADERS is not allowed in HTTP");
        }
    }
}

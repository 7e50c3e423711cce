package io.github.migrationdelivery.engine.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The Prometheus text file parsed back, a Pushgateway PUT and OTLP JSON received by a real local HTTP server. */
class MetricsWritersTest {

    /** A sample line of the text format: name, optional {labels}, value. */
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private record Parsed(String name, Map<String, String> labels, String value) {
    }

    private static MetricsSnapshot backfillAndVerify() {
        MetricsRecorder r = new MetricsRecorder("verify", Optional.of("rel-42"), "1.2.3",
                Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
        r.backfillBatch("orders \"eu\"\\main\nnew", 1000, Duration.ofMillis(180));
        r.backfillBatch("orders \"eu\"\\main\nnew", 500, Duration.ofMillis(90));
        r.replicationLag(Duration.ofMillis(1500));
        r.lockWait("1::alice", Duration.ofMillis(20));
        r.verification("unhealthy", Map.of("ok", 3L, "breach", 2L, "unknown", 0L), OptionalDouble.of(0.031), OptionalDouble.empty());
        return r.finish(1);
    }

    @Test
    void theTextFileParsesBackWithEscapedLabels(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("migration.prom");
        PrometheusText.write(backfillAndVerify(), file);
        List<String> lines = Files.readAllLines(file);
        assertThat(Files.list(dir)).as("no temporary file left").containsExactly(file);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));

        Map<String, String> types = new HashMap<>();
        List<Parsed> samples = new ArrayList<>();
        String lastHelp = null;
        for (String line : lines) {
            if (line.startsWith("# HELP ")) {
                lastHelp = line.split(" ")[2];
            } else if (line.startsWith("# TYPE ")) {
                String[] p = line.split(" ");
                assertThat(p[2]).as("TYPE right after its HELP").isEqualTo(lastHelp);
                assertThat(types.put(p[2], p[3])).as("one TYPE per metric").isNull();
            } else {
                Matcher m = SAMPLE.matcher(line);
                assertThat(m.matches()).as(line).isTrue();
                Map<String, String> labels = new HashMap<>();
                if (m.group(2) != null) {
                    Matcher l = LABEL.matcher(m.group(2));
                    int end = 0;
                    while (l.find() && l.start() == end) {
                        labels.put(l.group(1), l.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\"));
                        end = l.end();
                    }
                    assertThat(end).as("labels parse to the end: " + line).isEqualTo(m.group(2).length());
                }
                assertThat(types).as("sample after its TYPE: " + line).containsKey(m.group(1));
                samples.add(new Parsed(m.group(1), labels, m.group(3)));
            }
        }
        assertThat(types).contains(entry("migration_delivery_backfill_rows_total", "counter"),
                entry("migration_delivery_replication_lag_seconds", "gauge"),
                entry("migration_delivery_command_exit_code", "gauge"));
        Parsed rows = samples.stream().filter(s -> s.name().equals("migration_delivery_backfill_rows_total")).findFirst().orElseThrow();
        assertThat(rows.labels()).containsOnly(entry("table", "orders \"eu\"\\main\nnew"), entry("command", "verify"),
                entry("migration_id", "rel-42"));
        assertThat(rows.value()).isEqualTo("1500");
        assertThat(samples).filteredOn(s -> s.name().equals("migration_delivery_replication_lag_seconds"))
                .extracting(Parsed::value).containsExactly("1.5");
        assertThat(samples).filteredOn(s -> s.name().equals("migration_delivery_verify_verdict"))
                .extracting(s -> s.labels().get("verdict") + "=" + s.value())
                .containsExactlyInAnyOrder("healthy=0", "unhealthy=1", "cannot_judge=0");
        assertThat(samples).allSatisfy(s -> assertThat(s.labels()).containsEntry("migration_id", "rel-42"));
    }

    @Test
    void escapingAndNumbersFollowTheFormat() {
        assertThat(PrometheusText.escapeLabelValue("a\\b\"c\nd")).isEqualTo("a\\\\b\\\"c\\nd");
        assertThat(PrometheusText.escapeHelp("a\\b\nc \"q\"")).isEqualTo("a\\\\b\\nc \"q\"");
        assertThat(PrometheusText.number(Double.NaN)).isEqualTo("NaN");
        assertThat(PrometheusText.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PrometheusText.number(0.25)).isEqualTo("0.25");
        assertThat(PrometheusText.number(3)).isEqualTo("3");
    }

    @Test
    void aPushIsAPutToTheCommandsGroup() throws IOException {
        Map<String, String> received = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            received.put("method", x.getRequestMethod());
            received.put("path", x.getRequestURI().getRawPath());
            received.put("type", x.getRequestHeaders().getFirst("Content-Type"));
            received.put("body", new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.start();
        try {
            MetricsSnapshot s = backfillAndVerify();
            PrometheusText.push(s, URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), HttpClient.newHttpClient());
            assertThat(received).containsEntry("method", "PUT")
                    .containsEntry("path", "/metrics/job/migration_delivery/command/verify/migration_id/rel-42")
                    .containsEntry("type", PrometheusText.CONTENT_TYPE)
                    .containsEntry("body", PrometheusText.format(s));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void otlpJsonArrivesWithResourceSpansAndMetrics() throws IOException {
        Map<String, JsonNode> received = new ConcurrentHashMap<>();
        Map<String, String> auth = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            received.put(x.getRequestURI().getPath(), new ObjectMapper().readTree(x.getRequestBody()));
            auth.put(x.getRequestURI().getPath(), x.getRequestHeaders().getFirst("Authorization") + " "
                    + x.getRequestHeaders().getFirst("Content-Type"));
            x.sendResponseHeaders(200, 2);
            x.getResponseBody().write("{}".getBytes(StandardCharsets.UTF_8));
            x.close();
        });
        server.start();
        try {
            OtlpTarget target = OtlpTarget.configure(Optional.empty(), Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + server.getAddress().getPort() + "/otlp/",
                    "OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Bearer%20t0ken",
                    "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod,service.namespace=shop",
                    "OTEL_SERVICE_NAME", "orders-migrations")).orElseThrow();
            List<String> problems = new OtlpExporter(target, HttpClient.newHttpClient()).export(backfillAndVerify());
            assertThat(problems).isEmpty();
            assertThat(auth).containsEntry("/otlp/v1/traces", "Bearer t0ken application/json");

            JsonNode traces = received.get("/otlp/v1/traces").path("resourceSpans").get(0);
            assertThat(attributes(traces.path("resource").path("attributes"))).containsEntry("service.name", "orders-migrations")
                    .containsEntry("service.version", "1.2.3").containsEntry("deployment.environment", "prod")
                    .containsEntry("service.namespace", "shop");
            JsonNode span = traces.path("scopeSpans").get(0).path("spans").get(0);
            assertThat(span.path("name").asText()).isEqualTo("migration-delivery verify");
            assertThat(span.path("traceId").asText()).matches("[0-9a-f]{32}");
            assertThat(span.path("spanId").asText()).matches("[0-9a-f]{16}");
            assertThat(span.path("startTimeUnixNano").asText()).isEqualTo("1767323045000000000");
            assertThat(span.path("status").path("code").asInt()).as("exit 1 is an error").isEqualTo(2);
            assertThat(attributes(span.path("attributes"))).containsEntry("migration_delivery.migration_id", "rel-42")
                    .containsEntry("process.exit_code", "1");

            JsonNode metrics = received.get("/otlp/v1/metrics").path("resourceMetrics").get(0).path("scopeMetrics").get(0).path("metrics");
            Map<String, JsonNode> byName = new HashMap<>();
            metrics.forEach(m -> byName.put(m.path("name").asText(), m));
            JsonNode rows = byName.get("migration_delivery.backfill.rows");
            assertThat(rows.path("unit").asText()).isEqualTo("{row}");
            assertThat(rows.path("sum").path("isMonotonic").asBoolean()).isTrue();
            assertThat(rows.path("sum").path("aggregationTemporality").asInt()).isEqualTo(2);
            JsonNode point = rows.path("sum").path("dataPoints").get(0);
            assertThat(point.path("asDouble").asDouble()).isEqualTo(1500.0);
            assertThat(attributes(point.path("attributes"))).containsEntry("table", "orders \"eu\"\\main\nnew")
                    .containsEntry("migration_id", "rel-42");
            assertThat(byName.get("migration_delivery.replication.lag").path("gauge").path("dataPoints").get(0)
                    .path("asDouble").asDouble()).isEqualTo(1.5);
            assertThat(byName.get("migration_delivery.verify.error_rate").path("unit").asText()).isEqualTo("1");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void noEndpointNoExportAndAFailedOneIsAProblemNotAnError() {
        assertThat(OtlpTarget.configure(Optional.empty(), Map.of())).isEmpty();
        OtlpTarget closed = OtlpTarget.configure(Optional.of("http://127.0.0.1:1"),
                Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")).orElseThrow();
        assertThat(closed.warnings()).containsExactly("OTEL_EXPORTER_OTLP_PROTOCOL=grpc is not supported; sending http/json");
        assertThat(new OtlpExporter(closed, HttpClient.newHttpClient()).export(backfillAndVerify()))
                .hasSize(2).allSatisfy(p -> assertThat(p).startsWith("OTLP ").contains("127.0.0.1:1/v1/"));
    }

    private static Map<String, String> attributes(JsonNode list) {
        Map<String, String> map = new HashMap<>();
        list.forEach(a -> {
            JsonNode v = a.path("value");
            map.put(a.path("key").asText(), v.has("stringValue") ? v.path("stringValue").asText() : v.elements().next().asText());
        });
        return map;
    }
}

package io.github.migrationdelivery.engine.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.SourcePosition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The service's measurements before the deploy: the medians over the baseline window.
 *
 * @param errorRate         the median error rate (fraction), when the error rate was queried and gave numbers
 * @param p95LatencySeconds the median p95 latency in seconds, likewise
 * @param samples           how many samples were taken
 * @param unhealthySamples  samples in which a health endpoint was unhealthy (a note: the baseline is still written)
 */
public record Baseline(Instant capturedAt, int samples, OptionalDouble errorRate, OptionalDouble p95LatencySeconds,
                       int unhealthySamples) {

    public static final String SCHEMA_VERSION = "1";

    /** What the settings ask for but the baseline has no number for; empty when it is complete. */
    public List<String> missing(VerifySettings settings) {
        List<String> missing = new ArrayList<>();
        settings.prometheus().flatMap(PrometheusQueries::errorRate).filter(q -> errorRate.isEmpty())
                .ifPresent(q -> missing.add(Observation.ERROR_RATE));
        settings.prometheus().flatMap(PrometheusQueries::latencyP95).filter(q -> p95LatencySeconds.isEmpty())
                .ifPresent(q -> missing.add(Observation.P95_LATENCY));
        return missing;
    }

    public void write(Path file) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("capturedAt", capturedAt.toString());
        root.put("samples", samples);
        number(root, "errorRate", errorRate);
        number(root, "p95LatencySeconds", p95LatencySeconds);
        root.put("unhealthySamples", unhealthySamples);
        try {
            Files.writeString(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw EngineException.badInput(SourcePosition.of(file), "cannot write the baseline: " + e.getMessage());
        }
    }

    public static Baseline read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw EngineException.badInput(SourcePosition.of(file), "--baseline: file not found");
        } catch (JsonProcessingException e) {
            throw EngineException.badInput(new SourcePosition(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? 0 : e.getLocation().getColumnNr()), "--baseline: not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw EngineException.badInput(SourcePosition.of(file), "--baseline: cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !SCHEMA_VERSION.equals(root.path("schemaVersion").asText())) {
            throw EngineException.badInput(SourcePosition.of(file),
                    "--baseline: not a baseline file of schemaVersion " + SCHEMA_VERSION + " (write one with 'verify baseline --out')");
        }
        try {
            return new Baseline(Instant.parse(root.path("capturedAt").asText()), root.path("samples").asInt(),
                    number(root.get("errorRate"), file, "errorRate"), number(root.get("p95LatencySeconds"), file, "p95LatencySeconds"),
                    root.path("unhealthySamples").asInt());
        } catch (DateTimeParseException e) {
            throw EngineException.badInput(SourcePosition.of(file), "--baseline: capturedAt is not an ISO-8601 instant");
        }
    }

    private static void number(ObjectNode node, String field, OptionalDouble value) {
        if (value.isPresent()) {
            node.put(field, value.getAsDouble());
        } else {
            node.putNull(field);
        }
    }

    private static OptionalDouble number(JsonNode value, Path file, String field) {
        if (value == null || value.isNull()) {
            return OptionalDouble.empty();
        }
        if (!value.isNumber() || value.asDouble() < 0) {
            throw EngineException.badInput(SourcePosition.of(file), "--baseline: " + field + " must be a number, 0 or more, or null");
        }
        return OptionalDouble.of(value.asDouble());
    }
}

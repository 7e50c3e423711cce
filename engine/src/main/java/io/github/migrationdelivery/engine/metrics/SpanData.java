package io.github.migrationdelivery.engine.metrics;

import java.time.Instant;
import java.util.Map;

/**
 * A finished span: the command, or a part of it (a changeset of a dry-run).
 *
 * @param spanId       16 hex digits
 * @param parentSpanId the parent's id; empty for the command's own span
 * @param attributes   values are String, Long, Double or Boolean
 * @param error        whether the part failed; {@code statusMessage} says how
 */
public record SpanData(String name, String spanId, String parentSpanId, Instant start, Instant end,
                       Map<String, Object> attributes, boolean error, String statusMessage) {

    public SpanData {
        attributes = Map.copyOf(attributes);
    }
}

package io.github.migrationdelivery.engine.metrics;

import java.time.Instant;
import java.util.List;

/**
 * Everything one command recorded, ready to write.
 *
 * @param traceId 32 hex digits, shared by the command's spans
 */
public record MetricsSnapshot(String command, String migrationId, String toolVersion, String traceId, Instant started,
                              Instant finished, List<Series> series, List<SpanData> spans) {

    public MetricsSnapshot {
        series = List.copyOf(series);
        spans = List.copyOf(spans);
    }
}

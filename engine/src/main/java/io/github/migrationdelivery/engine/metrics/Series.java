package io.github.migrationdelivery.engine.metrics;

import java.util.Map;

/** One value of a metric for one set of labels (always including {@code command} and, when known, {@code migration_id}). */
public record Series(Metric metric, Map<String, String> labels, double value) {

    public Series {
        labels = Map.copyOf(labels);
    }
}

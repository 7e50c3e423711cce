package io.github.migrationdelivery.engine.metrics;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.plan.SourcePosition;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Prometheus text exposition format (version 0.0.4): a file for node-exporter's textfile
 * collector, or a push to a Pushgateway. No timestamps: the textfile collector refuses them.
 */
public final class PrometheusText {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Pattern PLAIN_PATH_VALUE = Pattern.compile("[A-Za-z0-9_.:-]+");
    private static final Duration PUSH_TIMEOUT = Duration.ofSeconds(10);

    private PrometheusText() {
    }

    /** HELP and TYPE once per metric, then its series, labels in name order. */
    public static String format(MetricsSnapshot snapshot) {
        Map<Metric, List<Series>> byMetric = snapshot.series().stream()
                .collect(Collectors.groupingBy(Series::metric, LinkedHashMap::new, Collectors.toList()));
        StringBuilder out = new StringBuilder();
        byMetric.forEach((m, series) -> {
            out.append("# HELP ").append(m.prometheusName()).append(' ').append(escapeHelp(m.help())).append('\n');
            out.append("# TYPE ").append(m.prometheusName()).append(' ').append(m.type().name().toLowerCase(Locale.ROOT)).append('\n');
            for (Series s : series) {
                out.append(m.prometheusName());
                if (!s.labels().isEmpty()) {
                    out.append(new TreeMap<>(s.labels()).entrySet().stream()
                            .map(e -> e.getKey() + "=\"" + escapeLabelValue(e.getValue()) + "\"")
                            .collect(Collectors.joining(",", "{", "}")));
                }
                out.append(' ').append(number(s.value())).append('\n');
            }
        });
        return out.toString();
    }

    /**
     * Writes the file whole or not at all: a temporary file beside it, then a rename, so the
     * collector never reads half a file. Readable by all (the collector runs as another user).
     */
    public static void write(MetricsSnapshot snapshot, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = null;
        try {
            // The collector reads only *.prom, so the temporary name is ignored while it exists.
            temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            Files.writeString(temp, format(snapshot), StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: its default permissions apply.
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw EngineException.badInput(SourcePosition.of(file), "--metrics-file: cannot write: " + e.getMessage());
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The rename normally took it; a leftover .tmp is ignored by the collector.
                }
            }
        }
    }

    /**
     * PUTs the snapshot to a Pushgateway, grouped by job {@code migration_delivery}, the command
     * and the migration id, so each command's push replaces only its own earlier push.
     */
    public static void push(MetricsSnapshot snapshot, URI gateway, HttpClient http) {
        URI target = URI.create(gateway.toString().replaceAll("/+$", "") + groupingPath(snapshot));
        HttpRequest request = HttpRequest.newBuilder(target).timeout(PUSH_TIMEOUT).header("Content-Type", CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString(format(snapshot), StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new EngineException(EngineException.Kind.BAD_INPUT, "--pushgateway-url: HTTP " + r.statusCode() + ": "
                        + r.body().lines().findFirst().orElse(""));
            }
        } catch (IOException e) {
            throw new EngineException(EngineException.Kind.BAD_INPUT, "--pushgateway-url: " + gateway.getHost() + ": " + e, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException(EngineException.Kind.INTERNAL, "--pushgateway-url: interrupted");
        }
    }

    static String groupingPath(MetricsSnapshot snapshot) {
        StringBuilder path = new StringBuilder("/metrics/job/migration_delivery");
        Map<String, String> grouping = new LinkedHashMap<>();
        grouping.put("command", snapshot.command());
        if (!snapshot.migrationId().isEmpty()) {
            grouping.put("migration_id", snapshot.migrationId());
        }
        grouping.forEach((k, v) -> {
            if (PLAIN_PATH_VALUE.matcher(v).matches()) {
                path.append('/').append(k).append('/').append(v);
            } else {
                // The Pushgateway's escape for values with '/' or other characters a path cannot hold.
                path.append('/').append(k).append("@base64/")
                        .append(Base64.getUrlEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)));
            }
        });
        return path.toString();
    }

    /** Label values escape backslash, double quote and line feed. */
    static String escapeLabelValue(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** HELP text escapes backslash and line feed. */
    static String escapeHelp(String v) {
        return v.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** Go's float syntax: whole numbers without a fraction, NaN, +Inf, -Inf. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}

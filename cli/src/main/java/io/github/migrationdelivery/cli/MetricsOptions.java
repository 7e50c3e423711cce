package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.metrics.MetricsRecorder;
import io.github.migrationdelivery.engine.metrics.MetricsSnapshot;
import io.github.migrationdelivery.engine.metrics.OtlpExporter;
import io.github.migrationdelivery.engine.metrics.OtlpTarget;
import io.github.migrationdelivery.engine.metrics.PrometheusText;
import io.github.migrationdelivery.engine.report.ToolInfo;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Metrics for the commands that touch a database or a service (docs/metrics.md): the command
 * runs with a recorder, and whatever it recorded is written when it ends, also when it fails.
 * Telemetry never changes a command's exit code: a file or endpoint that fails is a warning.
 */
final class MetricsOptions {

    @Option(names = "--metrics-file", paramLabel = "FILE.prom", defaultValue = "${env:MIGRATION_DELIVERY_METRICS_FILE}",
            description = "Write metrics in the Prometheus text format, for node-exporter's textfile collector "
                    + "(default: MIGRATION_DELIVERY_METRICS_FILE).")
    Path file;

    @Option(names = "--pushgateway-url", paramLabel = "URL", description = "Also PUT the metrics to this Prometheus Pushgateway.")
    URI pushgateway;

    @Option(names = "--otlp-endpoint", paramLabel = "URL",
            description = "Send spans and metrics as OTLP/HTTP JSON to URL/v1/traces and URL/v1/metrics "
                    + "(default: OTEL_EXPORTER_OTLP_ENDPOINT).")
    String otlpEndpoint;

    @Option(names = "--migration-id", paramLabel = "ID", defaultValue = "${env:MIGRATION_DELIVERY_MIGRATION_ID}",
            description = "Tag metrics with ID (default: MIGRATION_DELIVERY_MIGRATION_ID, else the first 12 digits of the plan's checksum).")
    String migrationId;

    /** Runs {@code body} with a recorder and publishes what it recorded with the exit code it ends with. */
    int run(String command, PrintWriter err, Function<MetricsRecorder, Integer> body) {
        MetricsRecorder recorder = new MetricsRecorder(command, Optional.ofNullable(migrationId),
                ToolInfo.current().version(), Clock.systemUTC());
        int code;
        try {
            code = body.apply(recorder);
        } catch (EngineException e) {
            publish(recorder.finish(ExitCode.of(e.kind()).code()), err);
            throw e;
        } catch (RuntimeException e) {
            publish(recorder.finish(ExitCode.INTERNAL.code()), err);
            throw e;
        }
        publish(recorder.finish(code), err);
        return code;
    }

    private void publish(MetricsSnapshot snapshot, PrintWriter err) {
        Optional<OtlpTarget> otlp;
        try {
            otlp = OtlpTarget.configure(Optional.ofNullable(otlpEndpoint), System.getenv());
        } catch (EngineException e) {
            warn(err, e.oneLine());
            otlp = Optional.empty();
        }
        if (file != null) {
            try {
                PrometheusText.write(snapshot, file);
            } catch (EngineException e) {
                warn(err, e.oneLine());
            }
        }
        if (pushgateway == null && otlp.isEmpty()) {
            return;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        if (pushgateway != null) {
            try {
                PrometheusText.push(snapshot, pushgateway, http);
            } catch (EngineException e) {
                warn(err, e.oneLine());
            }
        }
        otlp.ifPresent(target -> {
            target.warnings().forEach(w -> warn(err, w));
            new OtlpExporter(target, http).export(snapshot).forEach(p -> warn(err, p));
        });
    }

    private static void warn(PrintWriter err, String message) {
        err.println("migration-delivery: warning: metrics: " + message);
        err.flush();
    }
}

package io.github.migrationdelivery.cli;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.config.DurationText;
import io.github.migrationdelivery.engine.verify.PrometheusQueries;
import io.github.migrationdelivery.engine.verify.Sample;
import io.github.migrationdelivery.engine.verify.Verifier;
import io.github.migrationdelivery.engine.verify.VerifySettings;
import io.github.migrationdelivery.engine.verify.Sleeper;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What {@code verify} and {@code verify baseline} share: what to poll, for how long and how often. */
final class WatchOptions {

    @Option(names = "--health-url", paramLabel = "URL",
            description = "An HTTP health endpoint; repeat for several. Healthy: 2xx and, for JSON with a status, UP/ok/pass.")
    List<URI> healthUrls = new ArrayList<>();

    @Option(names = "--prometheus-url", paramLabel = "URL", description = "The Prometheus server, e.g. http://prometheus:9090.")
    URI prometheusUrl;

    @Option(names = "--error-rate-query", paramLabel = "PROMQL", description = "An instant query giving the error rate as a fraction (one series).")
    String errorRateQuery;

    @Option(names = "--latency-p95-query", paramLabel = "PROMQL", description = "An instant query giving the p95 latency in seconds (one series).")
    String latencyP95Query;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "How long to watch (default: ${DEFAULT-VALUE}).")
    Duration window;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Time between samples (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "How long one request may take before it counts as no answer (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    VerifySettings settings() {
        Optional<PrometheusQueries> prometheus = Optional.empty();
        if (prometheusUrl != null) {
            prometheus = Optional.of(new PrometheusQueries(prometheusUrl, Optional.ofNullable(errorRateQuery),
                    Optional.ofNullable(latencyP95Query)));
        } else if (errorRateQuery != null || latencyP95Query != null) {
            throw EngineException.badInput("--error-rate-query and --latency-p95-query need --prometheus-url");
        }
        return new VerifySettings(healthUrls, prometheus, window, interval, timeout);
    }

    Verifier verifier(VerifySettings settings) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        return new Verifier(settings, http, Clock.systemUTC(), Sleeper.real());
    }

    /** {@code sample 3/30: breach: error rate 3.10% > 1.00%; http://svc/health HTTP 200, status UP}. */
    static String sampleLine(Sample s, int planned) {
        return "sample " + s.index() + "/" + planned + ": " + s.judgement().id() + ": " + s.observations().stream()
                .map(o -> o.check() + " " + o.detail()).collect(Collectors.joining("; "));
    }

    /** Progress on standard error, one line a sample (the evidence is repeated on standard output at the end). */
    static java.util.function.Consumer<Sample> progress(PrintWriter err, int planned) {
        return s -> {
            err.println(sampleLine(s, planned));
            err.flush();
        };
    }

    /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return DurationText.parse(value).orElseThrow(() ->
                    new TypeConversionException("'" + value + "' is not a duration (" + DurationText.EXAMPLES + ")"));
        }
    }

    /** {@code 1%}, {@code 0.5%}: a fraction; the percent sign is required so that 1 cannot mean 100%. */
    static final class PercentConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            String v = value.trim();
            if (!v.endsWith("%")) {
                throw new TypeConversionException("'" + value + "' is not a percentage (e.g. 1% or 0.5%)");
            }
            try {
                return Double.parseDouble(v.substring(0, v.length() - 1).trim()) / 100;
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a percentage (e.g. 1% or 0.5%)");
            }
        }
    }
}

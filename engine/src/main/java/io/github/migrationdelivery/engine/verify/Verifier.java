package io.github.migrationdelivery.engine.verify;

import io.github.migrationdelivery.engine.EngineException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Polls the health endpoints and Prometheus over a window and decides.
 *
 * <p>The rule (docs/verify.md): a sample breaches when any health endpoint is unhealthy or a
 * metric is over its limit, and is unknown when it does not breach but some check gave no usable
 * answer. The window is UNHEALTHY when more than {@code maxBreaches} samples breach (it stops
 * there: nothing later can make it healthy) or when the median of a metric over the window is over
 * its limit; else CANNOT_JUDGE when breaching and unknown samples together are more than
 * {@code maxBreaches}, or a metric gave no number in any sample; else HEALTHY.
 */
public final class Verifier {

    private final VerifySettings settings;
    private final HttpChecks checks;
    private final Clock clock;
    private final Sleeper sleeper;

    public Verifier(VerifySettings settings, HttpClient http, Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.checks = new HttpChecks(http, settings.timeout());
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Watches the window and judges it; {@code progress} sees each sample as it is taken. */
    public Verdict verify(Thresholds thresholds, Optional<Baseline> baseline, Consumer<Sample> progress) {
        Limits limits = Limits.of(settings.prometheus(), thresholds, baseline);
        List<Sample> samples = watch(limits, progress,
                taken -> taken.stream().filter(s -> s.judgement() == Judgement.BREACH).count() > thresholds.maxBreaches());
        return judge(limits, thresholds, samples);
    }

    /** Watches the window and keeps the medians, to judge a later window against. */
    public Baseline baseline(Consumer<Sample> progress) {
        Instant started = clock.instant();
        List<Sample> samples = watch(new Limits(OptionalDouble.empty(), OptionalDouble.empty(), ""), progress, taken -> false);
        int unhealthy = (int) samples.stream().filter(s -> s.observations().stream()
                .anyMatch(o -> o.judgement() == Judgement.BREACH)).count();
        return new Baseline(started, samples.size(), median(samples, Observation.ERROR_RATE),
                median(samples, Observation.P95_LATENCY), unhealthy);
    }

    private interface Stop {
        boolean now(List<Sample> taken);
    }

    private List<Sample> watch(Limits limits, Consumer<Sample> progress, Stop stop) {
        Instant start = clock.instant();
        int planned = settings.plannedSamples();
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < planned; i++) {
            // Scheduled from the start, not from the last sample: slow answers do not stretch the window.
            Duration wait = Duration.between(clock.instant(), start.plus(settings.interval().multipliedBy(i)));
            if (!wait.isNegative() && !wait.isZero()) {
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EngineException(EngineException.Kind.INTERNAL, "verify: interrupted after " + i + " samples");
                }
            }
            Sample s = sample(i + 1, limits);
            samples.add(s);
            progress.accept(s);
            if (stop.now(samples)) {
                break;
            }
        }
        return samples;
    }

    /** One request to every endpoint and query, all at once, then each answer judged. */
    private Sample sample(int index, Limits limits) {
        Instant at = clock.instant();
        List<CompletableFuture<HttpResponse<String>>> health = settings.healthUrls().stream().map(checks::send).toList();
        Optional<CompletableFuture<HttpResponse<String>>> errors = settings.prometheus()
                .flatMap(p -> p.errorRate().map(q -> checks.send(p.queryUri(q))));
        Optional<CompletableFuture<HttpResponse<String>>> latency = settings.prometheus()
                .flatMap(p -> p.latencyP95().map(q -> checks.send(p.queryUri(q))));
        List<Observation> observations = new ArrayList<>();
        for (int i = 0; i < health.size(); i++) {
            observations.add(checks.health(settings.healthUrls().get(i), health.get(i)));
        }
        errors.ifPresent(f -> observations.add(judge(Observation.ERROR_RATE, checks.metric(f), limits.errorRate(), Limits::percent)));
        latency.ifPresent(f -> observations.add(judge(Observation.P95_LATENCY, checks.metric(f), limits.p95Seconds(), Limits::millis)));
        return new Sample(index, at, observations);
    }

    private interface Format {
        String of(double value);
    }

    private static Observation judge(String check, HttpChecks.Answer answer, OptionalDouble limit, Format format) {
        if (answer.value().isEmpty()) {
            return new Observation(check, Judgement.UNKNOWN, OptionalDouble.empty(), answer.problem());
        }
        double v = answer.value().getAsDouble();
        if (limit.isEmpty()) {
            return new Observation(check, Judgement.OK, answer.value(), format.of(v));
        }
        boolean over = v > limit.getAsDouble();
        return new Observation(check, over ? Judgement.BREACH : Judgement.OK, answer.value(),
                format.of(v) + (over ? " > " : " <= ") + format.of(limit.getAsDouble()));
    }

    private Verdict judge(Limits limits, Thresholds t, List<Sample> samples) {
        long breaching = samples.stream().filter(s -> s.judgement() == Judgement.BREACH).count();
        long unknown = samples.stream().filter(s -> s.judgement() == Judgement.UNKNOWN).count();
        OptionalDouble errorRate = median(samples, Observation.ERROR_RATE);
        OptionalDouble p95 = median(samples, Observation.P95_LATENCY);
        int planned = settings.plannedSamples();
        List<String> unhealthy = new ArrayList<>();
        if (breaching > t.maxBreaches()) {
            unhealthy.add(breaching + " of " + samples.size() + " samples breached, more than --max-breaches " + t.maxBreaches()
                    + (samples.size() < planned ? " (stopped early; " + planned + " planned)" : ""));
        }
        if (errorRate.isPresent() && limits.errorRate().isPresent() && errorRate.getAsDouble() > limits.errorRate().getAsDouble()) {
            unhealthy.add("median error rate " + Limits.percent(errorRate.getAsDouble()) + " > " + Limits.percent(limits.errorRate().getAsDouble()));
        }
        if (p95.isPresent() && limits.p95Seconds().isPresent() && p95.getAsDouble() > limits.p95Seconds().getAsDouble()) {
            unhealthy.add("median p95 latency " + Limits.millis(p95.getAsDouble()) + " > " + Limits.millis(limits.p95Seconds().getAsDouble()));
        }
        if (!unhealthy.isEmpty()) {
            return new Verdict(Verdict.Status.UNHEALTHY, limits, planned, samples, errorRate, p95, unhealthy);
        }
        List<String> unjudged = new ArrayList<>();
        if (breaching + unknown > t.maxBreaches()) {
            unjudged.add(unknown + " of " + samples.size() + " samples could not be judged" + (breaching > 0 ? " and " + breaching
                    + " breached" : "") + ", more than --max-breaches " + t.maxBreaches() + " together");
        }
        if (limits.errorRate().isPresent() && errorRate.isEmpty()) {
            unjudged.add("the error rate query gave no number in any sample");
        }
        if (limits.p95Seconds().isPresent() && p95.isEmpty()) {
            unjudged.add("the p95 latency query gave no number in any sample");
        }
        if (!unjudged.isEmpty()) {
            return new Verdict(Verdict.Status.CANNOT_JUDGE, limits, planned, samples, errorRate, p95, unjudged);
        }
        return new Verdict(Verdict.Status.HEALTHY, limits, planned, samples, errorRate, p95,
                List.of(samples.size() + " samples, " + breaching + " breached, " + unknown + " could not be judged (--max-breaches "
                        + t.maxBreaches() + ")"));
    }

    /** The median of the numbers the samples gave for {@code check}; +Inf counts as the largest. */
    static OptionalDouble median(List<Sample> samples, String check) {
        double[] values = samples.stream().map(s -> s.value(check)).filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble).sorted().toArray();
        if (values.length == 0) {
            return OptionalDouble.empty();
        }
        int mid = values.length / 2;
        return OptionalDouble.of(values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2);
    }

    /** For callers that show the endpoints: the address as output shows it, without secrets. */
    public static String shown(URI uri) {
        return Endpoints.shown(uri);
    }
}

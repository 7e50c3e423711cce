package io.github.migrationdelivery.engine.verify;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The verifier against a real local HTTP server: healthy, unhealthy and broken answers, and a fake Prometheus. */
class VerifierTest {

    private static final Duration INTERVAL = Duration.ofMillis(50);
    /** Generous: the first request of a JVM on a loaded machine takes a few hundred ms. */
    private static final Duration TIMEOUT = Duration.ofMillis(1000);
    private static final Thresholds ONE_PERCENT = new Thresholds(OptionalDouble.of(0.01), Optional.of(Duration.ofMillis(250)),
            Thresholds.DEFAULT_ERROR_RATE_MARGIN, Thresholds.DEFAULT_LATENCY_MARGIN, 1);

    private final FakeService service = new FakeService();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    VerifierTest() throws IOException {
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private Verdict verify(List<URI> health, Optional<PrometheusQueries> prometheus, int samples, Thresholds t,
                           Optional<Baseline> baseline) {
        return verifier(health, prometheus, samples).verify(t, baseline, s -> { });
    }

    private Verifier verifier(List<URI> health, Optional<PrometheusQueries> prometheus, int samples) {
        VerifySettings settings = new VerifySettings(health, prometheus, INTERVAL.multipliedBy(samples), INTERVAL,
                TIMEOUT);
        return new Verifier(settings, http, Clock.systemUTC(), Sleeper.real());
    }

    private Verdict health(String path, int samples) {
        return verify(List.of(service.uri(path)), Optional.empty(), samples, ONE_PERCENT, Optional.empty());
    }

    private Optional<PrometheusQueries> queries() {
        return Optional.of(new PrometheusQueries(service.uri(""), Optional.of("errors"), Optional.of("p95")));
    }

    @Test
    void springBootUpAndAPlain200AreHealthyOverTheWholeWindow() {
        service.route("/actuator/health", FakeService.Reply.json(200, "{\"status\":\"UP\",\"components\":{}}"));
        service.route("/healthz", new FakeService.Reply(200, "text/plain", "ok", 0));
        Verdict v = verify(List.of(service.uri("/actuator/health"), service.uri("/healthz")), Optional.empty(), 4,
                ONE_PERCENT, Optional.empty());
        assertThat(v.status()).isEqualTo(Verdict.Status.HEALTHY);
        assertThat(v.samples()).hasSize(4).allSatisfy(s -> assertThat(s.observations()).hasSize(2));
        assertThat(v.samples().get(0).observations().get(0).detail()).isEqualTo("HTTP 200, status UP");
        // Scheduled at 0, 50, 100, 150 ms: the window really was waited out.
        assertThat(Duration.between(v.samples().get(0).at(), v.samples().get(3).at())).isGreaterThanOrEqualTo(Duration.ofMillis(145));
    }

    @Test
    void statusDownAndHttp500AreBreachesAndTheWindowStopsOnceUnhealthy() {
        service.route("/down", FakeService.Reply.json(200, "{\"status\":\"DOWN\"}"));
        Verdict down = health("/down", 10);
        assertThat(down.status()).isEqualTo(Verdict.Status.UNHEALTHY);
        assertThat(down.samples()).as("stops after the second breach (max 1)").hasSize(2);
        assertThat(down.samples().get(0).observations().get(0).detail()).isEqualTo("HTTP 200, status DOWN");
        assertThat(down.reasons()).containsExactly("2 of 2 samples breached, more than --max-breaches 1 (stopped early; 10 planned)");

        service.route("/error", new FakeService.Reply(500, "text/html", "<h1>oops</h1>", 0));
        Verdict error = health("/error", 3);
        assertThat(error.status()).isEqualTo(Verdict.Status.UNHEALTHY);
        assertThat(error.samples().get(0).observations().get(0).detail()).isEqualTo("HTTP 500");
    }

    @Test
    void oneBlipIsToleratedButTwoAreNot() {
        service.route("/flaky", n -> n == 1 ? FakeService.Reply.json(503, "{\"status\":\"DOWN\"}")
                : FakeService.Reply.json(200, "{\"status\":\"UP\"}"));
        Verdict v = health("/flaky", 4);
        assertThat(v.status()).isEqualTo(Verdict.Status.HEALTHY);
        assertThat(v.count(Judgement.BREACH)).isEqualTo(1);
        assertThat(v.samples().get(1).observations().get(0).detail()).isEqualTo("HTTP 503, status DOWN");
    }

    @Test
    void garbageATimeoutAndARefusedConnectionCannotBeJudgedNeverHealthy() throws IOException {
        service.route("/garbage", FakeService.Reply.json(200, "<html>not json"));
        Verdict garbage = health("/garbage", 3);
        assertThat(garbage.status()).isEqualTo(Verdict.Status.CANNOT_JUDGE);
        assertThat(garbage.samples().get(0).observations().get(0).detail())
                .startsWith("HTTP 200 with a body that is not a JSON object: <html>not json");

        service.route("/hang", new FakeService.Reply(200, "application/json", "{\"status\":\"UP\"}", 5_000));
        long started = System.nanoTime();
        Verdict hang = health("/hang", 2);
        assertThat(hang.status()).isEqualTo(Verdict.Status.CANNOT_JUDGE);
        assertThat(hang.samples().get(0).observations().get(0).detail()).isEqualTo("no answer within 1000 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the timeout cut the hang").isLessThan(Duration.ofMillis(3_500));

        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Verdict refused = verify(List.of(URI.create("http://127.0.0.1:" + closedPort + "/health")), Optional.empty(), 2,
                ONE_PERCENT, Optional.empty());
        assertThat(refused.status()).isEqualTo(Verdict.Status.CANNOT_JUDGE);
        assertThat(refused.samples().get(0).observations().get(0).detail()).isEqualTo("connection refused");
        assertThat(refused.reasons()).containsExactly("2 of 2 samples could not be judged, more than --max-breaches 1 together");
    }

    @Test
    void prometheusBelowThresholdsIsHealthyAndAboveIsUnhealthyWithTheValues() {
        service.prometheus("errors", "0.002", "0.004", "0.003");
        service.prometheus("p95", "0.120");
        Verdict ok = verify(List.of(), queries(), 3, ONE_PERCENT, Optional.empty());
        assertThat(ok.status()).isEqualTo(Verdict.Status.HEALTHY);
        assertThat(ok.medianErrorRate().getAsDouble()).isCloseTo(0.003, within(1e-9));
        assertThat(ok.samples().get(1).observations().get(0).detail()).isEqualTo("0.40% <= 1.00%");
        assertThat(ok.samples().get(0).observations().get(1).detail()).isEqualTo("120 ms <= 250 ms");
        assertThat(service.queries).contains("errors", "p95");

        service.prometheus("errors", "0.003", "0.031", "0.04");
        service.prometheus("p95", "0.1", "+Inf");
        Verdict v = verify(List.of(), queries(), 5, ONE_PERCENT, Optional.empty());
        assertThat(v.status()).isEqualTo(Verdict.Status.UNHEALTHY);
        assertThat(v.samples()).as("stops at the second breaching sample").hasSize(3);
        assertThat(v.samples().get(1).observations()).extracting(Observation::detail)
                .containsExactly("3.10% > 1.00%", "+Inf > 250 ms");
    }

    @Test
    void aBaselineJudgesTheChangeNotTheLevel() {
        // Already at 0.8% before the deploy, 1.1% after: over the 1% threshold, but within baseline + 0.5 points.
        service.prometheus("errors", "0.011");
        Baseline before = new Baseline(java.time.Instant.now(), 10, OptionalDouble.of(0.008), OptionalDouble.empty(), 0);
        Optional<PrometheusQueries> errorsOnly = Optional.of(new PrometheusQueries(service.uri(""), Optional.of("errors"),
                Optional.empty()));
        Verdict withBaseline = verify(List.of(), errorsOnly, 3, ONE_PERCENT, Optional.of(before));
        assertThat(withBaseline.status()).isEqualTo(Verdict.Status.HEALTHY);
        assertThat(withBaseline.limits().errorRate().getAsDouble()).isCloseTo(0.013, within(1e-9));
        assertThat(withBaseline.limits().basis()).isEqualTo("error rate <= 1.30% (max of threshold 1.00% and baseline 0.80% + 0.50%)");

        Verdict without = verify(List.of(), errorsOnly, 3, ONE_PERCENT, Optional.empty());
        assertThat(without.status()).isEqualTo(Verdict.Status.UNHEALTHY);
    }

    @Test
    void aBaselineIsTheMedianOfItsWindowAndSurvivesAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        service.prometheus("errors", "0.01", "0.002", "0.004", "0.5");
        service.prometheus("p95", "0.2");
        List<Sample> seen = new ArrayList<>();
        Baseline b = verifier(List.of(), queries(), 4).baseline(seen::add);
        assertThat(seen).as(seen.toString()).hasSize(4);
        assertThat(b.errorRate().getAsDouble()).isCloseTo(0.007, within(1e-9));
        assertThat(b.p95LatencySeconds().getAsDouble()).isCloseTo(0.2, within(1e-9));
        java.nio.file.Path file = dir.resolve("baseline.json");
        b.write(file);
        assertThat(Baseline.read(file)).isEqualTo(b);
    }

    @Test
    void prometheusShapesThatGiveNoNumberCannotBeJudged() {
        service.route("/api/v1/query?errors", FakeService.Reply.json(200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));
        service.route("/api/v1/query?p95", FakeService.Reply.json(200, FakeService.vector("NaN")));
        Verdict v = verify(List.of(), queries(), 2, ONE_PERCENT, Optional.empty());
        assertThat(v.status()).isEqualTo(Verdict.Status.CANNOT_JUDGE);
        assertThat(v.samples().get(0).observations()).extracting(Observation::detail).containsExactly(
                "Prometheus: empty result (no series matched)", "Prometheus: NaN (no traffic in the query's range?)");
        assertThat(v.reasons()).contains("the error rate query gave no number in any sample");

        service.route("/api/v1/query?errors", FakeService.Reply.json(400,
                "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:5: parse error: unexpected\"}"));
        service.route("/api/v1/query?p95", new FakeService.Reply(502, "text/html", "<html>Bad Gateway</html>", 0));
        Verdict broken = verify(List.of(), queries(), 2, ONE_PERCENT, Optional.empty());
        assertThat(broken.status()).isEqualTo(Verdict.Status.CANNOT_JUDGE);
        assertThat(broken.samples().get(0).observations()).extracting(Observation::detail).containsExactly(
                "Prometheus: HTTP 400, bad_data: 1:5: parse error: unexpected",
                "Prometheus: HTTP 502 with a body that is not its JSON: <html>Bad Gateway</html>");

        service.route("/api/v1/query?errors", FakeService.Reply.json(200, "{\"status\":\"success\",\"data\":{\"resultType\":"
                + "\"vector\",\"result\":[{\"metric\":{\"pod\":\"a\"},\"value\":[1,\"0\"]},{\"metric\":{\"pod\":\"b\"},\"value\":[1,\"0\"]}]}}"));
        Verdict twoSeries = verify(List.of(), queries(), 1, ONE_PERCENT, Optional.empty());
        assertThat(twoSeries.samples().get(0).observations().get(0).detail())
                .isEqualTo("Prometheus: 2 series; aggregate the query to one (e.g. with sum or max)");
    }

    @Test
    void secretsInAddressesAreNotShown() {
        assertThat(Verifier.shown(URI.create("http://ops:s3cret@svc:8080/health?token=abc"))).isEqualTo("http://svc:8080/health?…");
    }
}

package io.github.migrationdelivery.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code verify} end to end: a real local HTTP server plays the service, Prometheus and an OTLP
 * collector; the exit code is what a pipeline acts on.
 */
class VerifyCommandTest {

    /** Answers by path (with {@code ?query} for Prometheus); records what was POSTed. */
    private final Map<String, String[]> answers = new ConcurrentHashMap<>();
    private final Map<String, String> posted = new ConcurrentHashMap<>();
    private final HttpServer server;

    private record Run(int exit, String out, String err) {
    }

    VerifyCommandTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", x -> {
            String query = x.getRequestURI().getQuery();
            String key = x.getRequestURI().getPath() + (query == null ? "" : "?" + query.replaceFirst("^query=", ""));
            if (x.getRequestMethod().equals("POST")) {
                posted.put(key, new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            String[] a = answers.getOrDefault(key, new String[] {"200", "{}"});
            byte[] body = a[1].getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "application/json");
            x.sendResponseHeaders(Integer.parseInt(a[0]), body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void errorRate(String value) {
        answers.put("/api/v1/query?errors", new String[] {"200", "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
                + "\"result\":[{\"metric\":{},\"value\":[1700000000,\"" + value + "\"]}]}}"});
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    private Run verify(String... more) {
        List<String> args = new ArrayList<>(List.of("verify", "--window", "150ms", "--interval", "50ms", "--timeout", "2s"));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @Test
    void healthyIsExitZero() {
        answers.put("/health", new String[] {"200", "{\"status\":\"UP\"}"});
        Run r = verify("--health-url", url("/health"));
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).startsWith("verify: HEALTHY (3 of 3 samples: 3 ok, 0 breached, 0 could not be judged)");
        assertThat(r.err()).contains("sample 3/3: ok: " + url("/health") + " HTTP 200, status UP");
    }

    @Test
    void statusDownIsExitOneWithTheEvidence() {
        answers.put("/health", new String[] {"503", "{\"status\":\"DOWN\"}"});
        Run r = verify("--health-url", url("/health"));
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).startsWith("verify: UNHEALTHY (2 of 3 samples: 0 ok, 2 breached")
                .contains("evidence:").containsPattern("  sample 2 at \\S+: breach: " + url("/health") + ": HTTP 503, status DOWN");
    }

    @Test
    void garbageOrAnUnreachableEndpointIsExitTwoNotZero() {
        answers.put("/health", new String[] {"200", "<<<garbage"});
        Run garbage = verify("--health-url", url("/health"));
        assertThat(garbage.exit()).as(garbage.out() + garbage.err()).isEqualTo(2);
        assertThat(garbage.out()).startsWith("verify: CANNOT JUDGE").contains("not a JSON object: <<<garbage");

        server.stop(0);
        Run refused = verify("--health-url", url("/health"));
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.out()).contains("unknown: " + url("/health") + ": connection refused");
    }

    @Test
    void anErrorRateOverTheThresholdIsUnhealthyUnlessTheBaselineWasAlreadyThere(@TempDir Path dir) throws IOException {
        errorRate("0.008");
        Path baseline = dir.resolve("baseline.json");
        Run before = run("verify", "baseline", "--window", "100ms", "--interval", "50ms", "--prometheus-url", url(""),
                "--error-rate-query", "errors", "--out", baseline.toString());
        assertThat(before.exit()).as(before.out() + before.err()).isZero();
        assertThat(before.out()).contains("error rate 0.80%");
        assertThat(new ObjectMapper().readTree(baseline.toFile()).get("errorRate").asDouble()).isEqualTo(0.008);

        errorRate("0.012");
        Run judged = verify("--prometheus-url", url(""), "--error-rate-query", "errors", "--error-rate-max", "1%");
        assertThat(judged.exit()).as(judged.out()).isEqualTo(1);
        assertThat(judged.out()).contains("breach: error rate: 1.20% > 1.00%");

        Run relative = verify("--prometheus-url", url(""), "--error-rate-query", "errors", "--error-rate-max", "1%",
                "--baseline", baseline.toString());
        assertThat(relative.exit()).as(relative.out()).isZero();
        assertThat(relative.out()).contains("limits: error rate <= 1.30% (max of threshold 1.00% and baseline 0.80% + 0.50%)");
    }

    @Test
    void aBaselineWithoutNumbersIsNotWrittenAndIsExitTwo(@TempDir Path dir) {
        answers.put("/api/v1/query?errors", new String[] {"200", "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"});
        Path baseline = dir.resolve("baseline.json");
        Run r = run("verify", "baseline", "--window", "100ms", "--interval", "50ms", "--prometheus-url", url(""),
                "--error-rate-query", "errors", "--out", baseline.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no number for error rate in any sample; no baseline written");
        assertThat(baseline).doesNotExist();
    }

    @Test
    void badUsageIsAlsoExitTwoWithOneLine() {
        assertThat(run("verify", "--window", "5m").err()).contains("nothing to check: give --health-url, --prometheus-url or both");
        Run percent = run("verify", "--health-url", url("/h"), "--error-rate-max", "1");
        assertThat(percent.exit()).isEqualTo(2);
        assertThat(percent.err()).contains("'1' is not a percentage (e.g. 1% or 0.5%)");
        Run noLimit = run("verify", "--prometheus-url", url(""), "--error-rate-query", "errors");
        assertThat(noLimit.exit()).isEqualTo(2);
        assertThat(noLimit.err()).contains("--error-rate-query: give --error-rate-max or a --baseline with an error rate");
    }

    @Test
    void theVerdictGoesToTheMetricsFileAndToOtlp(@TempDir Path dir) throws IOException {
        answers.put("/health", new String[] {"200", "{\"status\":\"pass\"}"});
        Path file = dir.resolve("verify.prom");
        Run r = verify("--health-url", url("/health"), "--metrics-file", file.toString(), "--migration-id", "release-7",
                "--otlp-endpoint", url("/collector"));
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.err()).doesNotContain("warning");
        assertThat(Files.readString(file)).contains(
                "migration_delivery_verify_verdict{command=\"verify\",migration_id=\"release-7\",verdict=\"healthy\"} 1",
                "migration_delivery_verify_samples{command=\"verify\",judgement=\"ok\",migration_id=\"release-7\"} 3",
                "migration_delivery_command_exit_code{command=\"verify\",migration_id=\"release-7\"} 0");
        JsonNode spans = new ObjectMapper().readTree(posted.get("/collector/v1/traces"));
        assertThat(spans.at("/resourceSpans/0/scopeSpans/0/spans/0/name").asText()).isEqualTo("migration-delivery verify");
        assertThat(posted.get("/collector/v1/metrics")).contains("\"name\":\"migration_delivery.verify.verdict\"");
    }

    @Test
    void aHealthyServiceOnADriftedSchemaIsUnhealthy(@TempDir Path dir) throws Exception {
        answers.put("/health", new String[] {"200", "{\"status\":\"UP\"}"});
        Path plan = Files.createDirectories(dir.resolve("db"));
        Files.writeString(plan.resolve("V1__items.sql"), "CREATE TABLE items (id bigint PRIMARY KEY, name text);\n");
        String db = CliRuns.seededDatabase("md_verify_", "SELECT 1");
        try {
            Run migrate = run("migrate", plan.toString(), "--target", CliRuns.SERVER + db);
            assertThat(migrate.exit()).as(migrate.err()).isZero();
            Run clean = verify("--health-url", url("/health"), "--expect-schema", plan.toString(),
                    "--schema-target", CliRuns.SERVER + db);
            assertThat(clean.exit()).as(clean.out() + clean.err()).isZero();
            assertThat(clean.out()).contains("drift: clean");

            try (Connection c = DriverManager.getConnection(CliRuns.SERVER + db, "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("ALTER TABLE items ADD COLUMN hotfix int");
            }
            Run drifted = verify("--health-url", url("/health"), "--expect-schema", plan.toString(),
                    "--schema-target", CliRuns.SERVER + db);
            assertThat(drifted.exit()).as(drifted.out() + drifted.err()).isEqualTo(1);
            assertThat(drifted.out()).contains("verify: HEALTHY").contains("hotfix").contains("drift: FAILED");
        } finally {
            CliRuns.dropDatabase(db);
        }
    }

    @Test
    void schemaOptionsComeInPairsAndAreCheckedBeforeTheWindow() {
        Run r = run("verify", "--health-url", url("/health"), "--window", "1h", "--expect-schema", "db");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--expect-schema needs --schema-target");
    }
}

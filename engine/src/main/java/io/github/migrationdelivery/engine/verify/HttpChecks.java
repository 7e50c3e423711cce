package io.github.migrationdelivery.engine.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The two kinds of request a sample makes: a health endpoint, judged on its own, and a Prometheus
 * instant query, which yields a number (or why there is none) to judge against a limit.
 */
final class HttpChecks {

    /** Spring Boot's {@code UP}, the health-check draft's {@code pass}, and the common {@code ok}. */
    private static final Set<String> HEALTHY_STATUS = Set.of("up", "ok", "pass");
    private static final int SHOWN_BODY = 80;

    /** A query's number, or why there is none. */
    record Answer(OptionalDouble value, String problem) {
        static Answer of(double v) {
            return new Answer(OptionalDouble.of(v), "");
        }

        static Answer none(String problem) {
            return new Answer(OptionalDouble.empty(), problem);
        }
    }

    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    HttpChecks(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /** Sends the request; the caller waits on the result (so several run at once). */
    CompletableFuture<HttpResponse<String>> send(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The response, or an exception whose {@link Endpoints#transportFailure} says why there is none. */
    HttpResponse<String> await(CompletableFuture<HttpResponse<String>> pending) throws Exception {
        try {
            // The request timeout covers the headers; a body that trickles forever is cut here.
            return pending.get(timeout.toMillis() + 100, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** A 2xx whose JSON {@code status}, if any, is UP/ok/pass is healthy; other answers are not; no answer or garbage is unknown. */
    Observation health(URI uri, CompletableFuture<HttpResponse<String>> pending) {
        String check = Endpoints.shown(uri);
        HttpResponse<String> r;
        try {
            r = await(pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown(check, "interrupted");
        } catch (Exception e) {
            return unknown(check, Endpoints.transportFailure(e, timeout));
        }
        boolean success = r.statusCode() / 100 == 2;
        String body = r.body() == null ? "" : r.body().strip();
        boolean saysJson = r.headers().firstValue("Content-Type").map(c -> c.toLowerCase(Locale.ROOT).contains("json")).orElse(false);
        String detail = "HTTP " + r.statusCode();
        if (saysJson || body.startsWith("{")) {
            JsonNode node;
            try {
                node = json.readTree(body);
            } catch (JsonProcessingException e) {
                node = null;
            }
            if (node == null || !node.isObject()) {
                return success ? unknown(check, detail + " with a body that is not a JSON object: " + shorten(body))
                        : breach(check, detail);
            }
            JsonNode status = node.get("status");
            if (status != null && status.isTextual()) {
                detail += ", status " + status.asText();
                if (success && !HEALTHY_STATUS.contains(status.asText().toLowerCase(Locale.ROOT))) {
                    return breach(check, detail);
                }
            }
        }
        return success ? new Observation(check, Judgement.OK, OptionalDouble.empty(), detail) : breach(check, detail);
    }

    /** Parses Prometheus's answer to an instant query: one series (or a scalar) with a number. */
    Answer metric(CompletableFuture<HttpResponse<String>> pending) {
        HttpResponse<String> r;
        try {
            r = await(pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.none("interrupted");
        } catch (Exception e) {
            return Answer.none("Prometheus: " + Endpoints.transportFailure(e, timeout));
        }
        JsonNode root;
        try {
            root = json.readTree(r.body() == null ? "" : r.body());
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (root == null || !root.isObject() || !root.has("status")) {
            return Answer.none("Prometheus: HTTP " + r.statusCode() + " with a body that is not its JSON: " + shorten(r.body()));
        }
        if (!"success".equals(root.path("status").asText())) {
            return Answer.none("Prometheus: HTTP " + r.statusCode() + ", " + root.path("errorType").asText("error") + ": "
                    + shorten(root.path("error").asText("")));
        }
        JsonNode data = root.path("data");
        String type = data.path("resultType").asText();
        JsonNode result = data.path("result");
        JsonNode value;
        switch (type) {
            case "scalar" -> value = result;
            case "vector" -> {
                if (result.size() == 0) {
                    return Answer.none("Prometheus: empty result (no series matched)");
                }
                if (result.size() > 1) {
                    return Answer.none("Prometheus: " + result.size() + " series; aggregate the query to one (e.g. with sum or max)");
                }
                value = result.get(0).path("value");
            }
            default -> {
                return Answer.none("Prometheus: a " + (type.isEmpty() ? "missing" : type)
                        + " result; the query must give an instant vector or a scalar");
            }
        }
        if (!value.isArray() || value.size() != 2 || !value.get(1).isTextual()) {
            return Answer.none("Prometheus: a sample that is not [time, \"value\"]: " + shorten(value.toString()));
        }
        return number(value.get(1).asText());
    }

    /** Prometheus writes numbers as strings, with NaN, +Inf and -Inf spelled its own way. */
    static Answer number(String text) {
        switch (text) {
            case "NaN":
                return Answer.none("Prometheus: NaN (no traffic in the query's range?)");
            case "+Inf":
                return Answer.of(Double.POSITIVE_INFINITY);
            case "-Inf":
                return Answer.of(Double.NEGATIVE_INFINITY);
            default:
                try {
                    return Answer.of(Double.parseDouble(text));
                } catch (NumberFormatException e) {
                    return Answer.none("Prometheus: '" + shorten(text) + "' is not a number");
                }
        }
    }

    private static Observation unknown(String check, String detail) {
        return new Observation(check, Judgement.UNKNOWN, OptionalDouble.empty(), detail);
    }

    private static Observation breach(String check, String detail) {
        return new Observation(check, Judgement.BREACH, OptionalDouble.empty(), detail);
    }

    private static String shorten(String text) {
        if (text == null || text.isBlank()) {
            return "(empty)";
        }
        String one = text.strip().replaceAll("\\s+", " ");
        return one.length() <= SHOWN_BODY ? one : one.substring(0, SHOWN_BODY) + "…";
    }
}

package io.github.migrationdelivery.engine.verify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * A real HTTP server on a free local port: health endpoints and a Prometheus query API whose
 * answers a test sets per path, optionally changing with each request (the n-th answer).
 */
final class FakeService implements AutoCloseable {

    record Reply(int status, String contentType, String body, long delayMs) {
        static Reply json(int status, String body) {
            return new Reply(status, "application/json", body, 0);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-service");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, IntFunction<Reply>> routes = new ConcurrentHashMap<>();
    private final Map<String, Integer> hits = new ConcurrentHashMap<>();
    final List<String> queries = new CopyOnWriteArrayList<>();

    FakeService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code path} answers {@code reply.apply(n)} to its n-th request from now (from 0). */
    void route(String path, IntFunction<Reply> reply) {
        routes.put(path, reply);
        hits.remove(path);
    }

    void route(String path, Reply reply) {
        route(path, n -> reply);
    }

    /** A Prometheus query answer whose value is {@code values[n]} (the last repeats): a one-series instant vector. */
    void prometheus(String query, String... values) {
        route("/api/v1/query?" + query, n -> Reply.json(200, vector(values[Math.min(n, values.length - 1)])));
    }

    static String vector(String value) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"job\":\"api\"},"
                + "\"value\":[1700000000.123,\"" + value + "\"]}]}}";
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void handle(HttpExchange x) throws IOException {
        String query = x.getRequestURI().getQuery();
        String key = x.getRequestURI().getPath();
        if (query != null && query.startsWith("query=")) {
            queries.add(query.substring("query=".length()));
            key += "?" + query.substring("query=".length());
        }
        IntFunction<Reply> route = routes.get(key);
        int n = hits.merge(key, 1, Integer::sum) - 1;
        Reply r = route == null ? new Reply(404, "text/plain", "no route " + key, 0) : route.apply(n);
        try {
            if (r.delayMs() > 0) {
                Thread.sleep(r.delayMs());
            }
            byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", r.contentType());
            x.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
            x.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            x.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

package io.github.migrationdelivery.engine.verify;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/** How addresses and transport failures appear in output: never a user's password or a token in a query. */
final class Endpoints {

    private Endpoints() {
    }

    /** The address without user information, and with its query string elided (it may hold a token). */
    static String shown(URI uri) {
        if (uri.getHost() == null) {
            return uri.getScheme() == null ? "(no scheme)" : uri.getScheme() + ":…";
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?…");
    }

    /** Why a request got no answer, in a few words. */
    static String transportFailure(Throwable e, Duration timeout) {
        Throwable t = e;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException || t.getClass() == java.io.IOException.class)) {
            t = t.getCause();
        }
        if (t instanceof HttpTimeoutException || t instanceof java.util.concurrent.TimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
            return "unknown host";
        }
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}

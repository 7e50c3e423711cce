package io.github.migrationdelivery.engine.snapshot;

import io.github.migrationdelivery.engine.plan.Dialect;

import java.util.Locale;

/** Host and port of a JDBC URL, as client programs (pg_restore, mysql) take them. */
record Endpoint(String host, int port) {

    static Endpoint of(ConnectionSpec spec) {
        String hosts = JdbcUrls.parse(spec.jdbcUrl()).hosts();
        String first = hosts.split(",")[0].trim();
        int defaultPort = spec.dialect() == Dialect.POSTGRESQL ? 5432 : 3306;
        if (first.isEmpty()) {
            return new Endpoint("localhost", defaultPort);
        }
        String host = first;
        int port = defaultPort;
        if (first.startsWith("[")) { // [::1]:5432
            int close = first.indexOf(']');
            host = first.substring(1, close);
            if (first.length() > close + 2) {
                port = Integer.parseInt(first.substring(close + 2));
            }
        } else if (first.indexOf(':') >= 0 && first.indexOf(':') == first.lastIndexOf(':')) {
            host = first.substring(0, first.indexOf(':'));
            port = Integer.parseInt(first.substring(first.indexOf(':') + 1));
        }
        return new Endpoint(host.toLowerCase(Locale.ROOT), port);
    }

    /** localhost, 127.0.0.1 and ::1 are one machine: a production guard must not be fooled by the spelling. */
    Endpoint canonical() {
        return switch (host) {
            case "localhost", "127.0.0.1", "::1", "0:0:0:0:0:0:0:1" -> new Endpoint("loopback", port);
            default -> this;
        };
    }
}

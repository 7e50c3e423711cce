package io.github.migrationdelivery.engine.backfill;

import io.github.migrationdelivery.engine.EngineException;
import io.github.migrationdelivery.engine.snapshot.ConnectionSpec;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * The checks made before each batch: replication lag and the user's load query. A check that
 * cannot be made (the query fails, returns no number, a replica's replication is stopped) is a
 * reason to pause too: the backfill never runs blind.
 */
final class Throttle implements AutoCloseable {

    /** Why to pause now; {@code failedCheck} when a check could not be made. */
    record Pause(String reason, boolean failedCheck) {
    }

    private final BackfillServer server;
    private final BackfillSettings settings;
    private final List<ConnectionSpec> replicas;
    private final Map<ConnectionSpec, Connection> replicaConnections = new LinkedHashMap<>();
    private final Consumer<Duration> measuredLag;

    Throttle(BackfillServer server, BackfillSettings settings, List<ConnectionSpec> replicas, Consumer<Duration> measuredLag) {
        this.server = server;
        this.settings = settings;
        this.replicas = List.copyOf(replicas);
        this.measuredLag = measuredLag;
    }

    /** The throttles that are on, for the start line. */
    String describe() {
        List<String> on = new ArrayList<>();
        String lag = settings.lagQuery().isPresent() ? "--lag-query"
                : !replicas.isEmpty() ? "Seconds_Behind_Master of " + replicas.size() + " replica(s)"
                : server.lagSource();
        on.add("lag <= " + seconds(settings.maxLag().toMillis() / 1000.0) + " (" + lag + ")");
        settings.loadQuery().ifPresent(q -> on.add("load <= " + number(settings.loadMax()) + " (--load-query)"));
        settings.maxRate().ifPresent(r -> on.add("rate <= " + number(r) + " rows/s"));
        on.add("lock waits <= " + settings.maxLockWait().toMillis() + " ms");
        return String.join(", ", on);
    }

    /** Why the backfill must wait now, or empty to go on. */
    Optional<Pause> check(Connection monitor) {
        Optional<Pause> lag = lag(monitor);
        if (lag.isPresent()) {
            return lag;
        }
        if (settings.loadQuery().isPresent()) {
            try {
                double load = number(monitor, settings.loadQuery().get());
                if (load > settings.loadMax()) {
                    return Optional.of(new Pause("load " + number(load) + " > --load-max " + number(settings.loadMax()), false));
                }
            } catch (SQLException | RuntimeException e) {
                return Optional.of(new Pause("--load-query failed: " + message(e), true));
            }
        }
        return Optional.empty();
    }

    private Optional<Pause> lag(Connection monitor) {
        double max = settings.maxLag().toMillis() / 1000.0;
        String source;
        OptionalDouble lag;
        try {
            if (settings.lagQuery().isPresent()) {
                source = "--lag-query";
                lag = OptionalDouble.of(number(monitor, settings.lagQuery().get()));
            } else if (!replicas.isEmpty()) {
                source = "replica";
                lag = OptionalDouble.empty();
                for (ConnectionSpec replica : replicas) {
                    double seconds = secondsBehindMaster(replica);
                    if (lag.isEmpty() || seconds > lag.getAsDouble()) {
                        lag = OptionalDouble.of(seconds);
                        source = "replica " + replica.redacted();
                    }
                }
            } else {
                source = "pg_stat_replication";
                lag = server.replicationLag(monitor);
            }
        } catch (SQLException | RuntimeException e) {
            String what = settings.lagQuery().isPresent() ? "--lag-query" : "reading replication lag";
            return Optional.of(new Pause(what + " failed: " + message(e), true));
        }
        lag.ifPresent(seconds -> measuredLag.accept(Duration.ofMillis(Math.round(seconds * 1000))));
        if (lag.isPresent() && lag.getAsDouble() > max) {
            return Optional.of(new Pause("replication lag " + seconds(lag.getAsDouble()) + " > --max-lag " + seconds(max)
                    + " (" + source + ")", false));
        }
        return Optional.empty();
    }

    /** {@code SHOW SLAVE STATUS} on a replica; a stopped replication (NULL) is an error, not "no lag". */
    private double secondsBehindMaster(ConnectionSpec replica) throws SQLException {
        Connection c = replicaConnections.get(replica);
        if (c == null || c.isClosed()) {
            c = replica.connect();
            replicaConnections.put(replica, c);
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
            if (!rs.next()) {
                throw new IllegalStateException(replica.redacted() + " is not a replica (SHOW SLAVE STATUS is empty)");
            }
            long seconds = rs.getLong("Seconds_Behind_Master");
            if (rs.wasNull()) {
                throw new IllegalStateException("replication is not running on " + replica.redacted()
                        + " (Seconds_Behind_Master is NULL)");
            }
            return seconds;
        }
    }

    private static double number(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("it returned no row (it must return one number)");
            }
            double v = rs.getDouble(1);
            if (rs.wasNull()) {
                throw new IllegalStateException("it returned NULL (it must return one number)");
            }
            return v;
        }
    }

    private static String message(Exception e) {
        return e instanceof SQLException ? EngineException.serverMessage(e) : e.getMessage();
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    @Override
    public void close() {
        for (Connection c : replicaConnections.values()) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing a monitoring connection: nothing to tell
            }
        }
    }
}

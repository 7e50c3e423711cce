package io.github.migrationdelivery.engine.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users write them in the config file and on the command line. */
public final class DurationText {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|min|m|h)?");

    private DurationText() {
    }

    /** {@code 500ms}, {@code 2s}, {@code 5min} (or {@code 5m}), {@code 1h}; a bare number is milliseconds; empty when malformed. */
    public static Optional<Duration> parse(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2) == null ? "ms" : m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "min", "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofMillis(n);
        });
    }
}

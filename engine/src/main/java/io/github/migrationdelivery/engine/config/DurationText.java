package io.github.migrationdelivery.engine.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in configuration and on the command line. */
public final class DurationText {

    /** What an error message shows as the accepted forms. */
    public static final String EXAMPLES = "e.g. 500ms, 2s, 5min, 1h, 2d";

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|min|m|h|d)?");

    private DurationText() {
    }

    /** {@code 500ms}, {@code 2s}, {@code 5min} (or {@code 5m}), {@code 1h}, {@code 2d}; a bare number is milliseconds; empty when not one. */
    public static Optional<Duration> parse(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return Optional.of(switch (unit) {
            case "s" -> Duration.ofSeconds(n);
            case "min", "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofMillis(n);
        });
    }
}

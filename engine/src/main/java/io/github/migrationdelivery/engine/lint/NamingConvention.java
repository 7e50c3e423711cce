package io.github.migrationdelivery.engine.lint;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The names the team allows, per kind of object: one regular expression each, matched against the
 * whole name as the server stores it (unquoted names folded). From {@code lint.naming} in
 * {@code .migration-delivery.yml}; the {@code naming-convention} rule checks them.
 *
 * @param patterns   per kind; a kind without a pattern is not checked
 * @param configured true when the configuration has a {@code lint.naming} section, which turns the rule on
 */
public record NamingConvention(Map<Kind, Pattern> patterns, boolean configured) {

    /** What a name names; {@link #setting()} is its key under {@code lint.naming}. */
    public enum Kind {
        TABLE, COLUMN, INDEX, CONSTRAINT, SEQUENCE, TYPE;

        public String setting() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The rule that checks names; configuring {@code lint.naming} enables it. */
    public static final String RULE_ID = "naming-convention";

    /** snake_case: lower-case letters, digits and underscores, starting with a letter. */
    public static final String SNAKE_CASE = "[a-z][a-z0-9_]*";

    public NamingConvention {
        Objects.requireNonNull(patterns, "patterns");
        patterns = patterns.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(patterns));
    }

    /** snake_case for every kind, no prefix or suffix required; not configured. */
    public static NamingConvention defaults() {
        return new NamingConvention(defaultPatterns(), false);
    }

    /**
     * The defaults with {@code overrides} (kind to regular expression; an empty expression turns
     * the kind off), as configured.
     *
     * @throws java.util.regex.PatternSyntaxException for an expression that does not compile
     */
    public static NamingConvention configured(Map<Kind, String> overrides) {
        Map<Kind, Pattern> patterns = new EnumMap<>(defaultPatterns());
        overrides.forEach((kind, regex) -> {
            if (regex.isEmpty()) {
                patterns.remove(kind);
            } else {
                patterns.put(kind, Pattern.compile(regex));
            }
        });
        return new NamingConvention(patterns, true);
    }

    private static Map<Kind, Pattern> defaultPatterns() {
        Map<Kind, Pattern> patterns = new EnumMap<>(Kind.class);
        Pattern snake = Pattern.compile(SNAKE_CASE);
        for (Kind k : Kind.values()) {
            patterns.put(k, snake);
        }
        return patterns;
    }

    /** The pattern a name of this kind must match, if the kind is checked. */
    public Optional<Pattern> pattern(Kind kind) {
        return Optional.ofNullable(patterns.get(kind));
    }
}

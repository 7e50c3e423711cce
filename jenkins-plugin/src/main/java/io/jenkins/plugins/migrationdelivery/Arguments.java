package io.jenkins.plugins.migrationdelivery;

/** Null-safe trimming of step arguments (an omitted option arrives as null from some callers). */
final class Arguments {

    private Arguments() {
    }

    static String trim(String value) {
        return value == null ? "" : value.trim();
    }
}

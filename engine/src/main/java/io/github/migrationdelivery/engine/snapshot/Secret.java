package io.github.migrationdelivery.engine.snapshot;

import java.util.Arrays;

/** A password. It prints as {@code ****} everywhere, so it cannot leak into a log or report by accident. */
public final class Secret {

    private static final Secret NONE = new Secret(new char[0]);

    private final char[] value;

    private Secret(char[] value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? NONE : new Secret(value.toCharArray());
    }

    public static Secret none() {
        return NONE;
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    /** The password itself: only for handing to a JDBC driver or a child process's environment. */
    public String reveal() {
        return new String(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return isEmpty() ? "" : "****";
    }
}

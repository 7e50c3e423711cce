package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.EngineException;

import java.util.Locale;

/** The least severe finding that fails the gate; NEVER reports without failing. */
public enum FailLevel {
    ERROR, WARNING, NEVER;

    public boolean fails(Severity severity) {
        switch (this) {
            case ERROR:
                return severity == Severity.ERROR;
            case WARNING:
                return severity != Severity.INFO;
            default:
                return false;
        }
    }

    public static FailLevel parse(String value, String setting) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (FailLevel f : values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(v)) {
                return f;
            }
        }
        throw EngineException.badInput(setting + ": unknown fail level '" + value + "' (expected error, warning or never)");
    }
}

package io.github.migrationdelivery.engine.lint;

import io.github.migrationdelivery.engine.EngineException;

import java.util.Locale;

/** How serious a finding is; ordered from least to most serious. */
public enum Severity {
    INFO, WARNING, ERROR;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String value, String setting) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (Severity s : values()) {
            if (s.id().equals(v)) {
                return s;
            }
        }
        throw EngineException.badInput(setting + ": unknown severity '" + value + "' (expected error, warning or info)");
    }
}

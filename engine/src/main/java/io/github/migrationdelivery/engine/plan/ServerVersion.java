package io.github.migrationdelivery.engine.plan;

import io.github.migrationdelivery.engine.EngineException;

/** A server version as major.minor ("15", "10.11", "8.0.29" keeps 8.0 and patch 29). */
public record ServerVersion(int major, int minor, int patch) implements Comparable<ServerVersion> {

    public static ServerVersion parse(String text) {
        String t = text == null ? "" : text.trim();
        String[] parts = t.split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            int patch = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
            if (major < 0 || minor < 0 || patch < 0 || parts.length > 3) {
                throw new NumberFormatException();
            }
            return new ServerVersion(major, minor, patch);
        } catch (NumberFormatException e) {
            throw EngineException.badInput("server version '" + text + "' is not a version such as 15 or 10.11");
        }
    }

    public boolean atLeast(int major) {
        return this.major >= major;
    }

    public boolean atLeast(int major, int minor) {
        return this.major > major || (this.major == major && this.minor >= minor);
    }

    @Override
    public int compareTo(ServerVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c == 0 ? Integer.compare(patch, o.patch) : c;
    }

    @Override
    public String toString() {
        if (patch != 0) {
            return major + "." + minor + "." + patch;
        }
        return minor == 0 ? Integer.toString(major) : major + "." + minor;
    }
}

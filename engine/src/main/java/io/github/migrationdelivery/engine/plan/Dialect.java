package io.github.migrationdelivery.engine.plan;

import io.github.migrationdelivery.engine.EngineException;

import java.util.Locale;

/** The database family a plan targets. MariaDB and MySQL share the MySQL lexical rules. */
public enum Dialect {
    POSTGRESQL("postgresql", "15"),
    MARIADB("mariadb", "10.11"),
    MYSQL("mysql", "8.0");

    private final String id;
    private final String defaultVersion;

    Dialect(String id, String defaultVersion) {
        this.id = id;
        this.defaultVersion = defaultVersion;
    }

    public String id() {
        return id;
    }

    public ServerVersion defaultVersion() {
        return ServerVersion.parse(defaultVersion);
    }

    public boolean isMysqlFamily() {
        return this != POSTGRESQL;
    }

    public static Dialect parse(String value, String setting) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "postgresql":
            case "postgres":
            case "pg":
                return POSTGRESQL;
            case "mariadb":
                return MARIADB;
            case "mysql":
                return MYSQL;
            default:
                throw EngineException.badInput(setting + ": unknown dialect '" + value
                        + "' (expected postgresql, mariadb or mysql)");
        }
    }
}

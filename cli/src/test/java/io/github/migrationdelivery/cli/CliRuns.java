package io.github.migrationdelivery.cli;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Runs the command line as a user would and reaches the local PostgreSQL the end-to-end tests seed. */
final class CliRuns {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    record Run(int exit, String out, String err) {
    }

    private CliRuns() {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    /**
     * The command line in a JVM of its own, as a user starts it (same classes as the jar), for
     * tests that kill or interrupt it; the caller chooses where its output goes.
     */
    static ProcessBuilder child(String... args) {
        String cp = System.getProperty("surefire.test.class.path");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp != null ? cp : System.getProperty("java.class.path").replace(' ', File.pathSeparatorChar),
                Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** A new database on the local server named {@code prefix} and a random suffix, with {@code statements} run in it. */
    static String seededDatabase(String prefix, String... statements) throws SQLException {
        String name = prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        try (Connection c = admin()) {
            c.createStatement().execute("CREATE DATABASE " + name);
        }
        try (Connection c = DriverManager.getConnection(SERVER + name, "postgres", ""); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
        return name;
    }

    /** Drops a database {@link #seededDatabase} made; null (setup never got that far) is fine. */
    static void dropDatabase(String name) throws SQLException {
        if (name != null) {
            try (Connection c = admin()) {
                c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    /** The maintenance database; skips the test when no local server runs, except under CI=true. */
    static Connection admin() throws SQLException {
        try {
            return DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw e;
            }
            Assumptions.abort("no local PostgreSQL on 127.0.0.1:5432: " + e.getMessage());
            throw e;
        }
    }
}

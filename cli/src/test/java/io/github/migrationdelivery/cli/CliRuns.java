package io.github.migrationdelivery.cli;

import org.junit.jupiter.api.Assumptions;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

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

package io.github.migrationdelivery.cli;

import org.junit.jupiter.api.Assumptions;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** One run of the command line in-process, as the CLI tests make it, and the local PostgreSQL they use. */
record CliRun(int exit, String out, String err) {

    static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** The local server's postgres database; the test is skipped without one, except under CI=true. */
    static Connection postgresAdmin() throws SQLException {
        try {
            return DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw e;
            }
            Assumptions.abort("no local PostgreSQL on 127.0.0.1:5432: " + e.getMessage());
            throw e;
        }
    }
}

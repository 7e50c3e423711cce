package io.github.migrationdelivery.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** backup, backup check and backup restore-column end to end against the local PostgreSQL. */
class BackupCommandTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    @TempDir
    static Path dir;

    static String database;

    private record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void seeded() throws SQLException {
        database = "md_backup_cli_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
            c.createStatement().execute("CREATE DATABASE " + database);
        }
        try (Connection c = DriverManager.getConnection(SERVER + database, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL, legacy_code text)");
            s.execute("INSERT INTO customers SELECT g, 'c' || g || '@example.com', 'L' || (g % 97) FROM generate_series(1, 2000) g");
        }
    }

    @AfterAll
    static void drop() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void checkRefusesUntilABackupIsTakenThenRestoreColumnPutsTheValuesBack() throws IOException, SQLException {
        Path plan = Files.createDirectories(dir.resolve("plan"));
        Files.writeString(plan.resolve("V1__drop_legacy.sql"), "ALTER TABLE customers DROP COLUMN legacy_code;\n");
        Path out = dir.resolve("backups");

        Run refused = run("backup", "check", plan.toString(), "--manifest", out.toString(), "--max-age", "1h");
        assertThat(refused.exit()).isEqualTo(6);
        assertThat(refused.err()).contains("no backup manifest for this plan").doesNotContain("\n\tat ");

        Run taken = run("backup", plan.toString(), "--target", SERVER + database, "--out", out.toString(), "--verify-restore");
        assertThat(taken.exit()).as(taken.err()).isZero();
        assertThat(taken.out()).contains("public.customers (2000 rows)", "column copies: public.customers.legacy_code",
                "restored into a throw-away database");

        Run passed = run("backup", "check", plan.toString(), "--manifest", out.toString(), "--max-age", "1h");
        assertThat(passed.exit()).as(passed.err()).isZero();
        assertThat(passed.out()).startsWith("backup check: passed: bk-");

        String before = legacy();
        try (Connection c = DriverManager.getConnection(SERVER + database, "postgres", "")) {
            c.createStatement().execute("ALTER TABLE customers DROP COLUMN legacy_code");
        }
        Path manifest;
        try (var dirs = Files.list(out)) {
            manifest = dirs.findFirst().orElseThrow().resolve("manifest.json");
        }
        Run restored = run("backup", "restore-column", "--manifest", manifest.toString(), "--table", "customers",
                "--column", "legacy_code", "--target", SERVER + database);
        assertThat(restored.exit()).as(restored.err()).isZero();
        assertThat(restored.out()).contains("2000 of 2000 rows restored by primary key (column re-added)");
        assertThat(legacy()).isEqualTo(before);
    }

    @Test
    void aBadMaxAgeIsBadInput() throws IOException {
        Path plan = Files.createDirectories(dir.resolve("plan2"));
        Files.writeString(plan.resolve("V1__drop.sql"), "DROP TABLE customers;\n");
        Run r = run("backup", "check", plan.toString(), "--max-age", "soon");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--max-age: 'soon' is not a duration");
    }

    private static String legacy() throws SQLException {
        StringBuilder all = new StringBuilder();
        try (Connection c = DriverManager.getConnection(SERVER + database, "postgres", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT id, legacy_code FROM customers ORDER BY id")) {
            while (rs.next()) {
                all.append(rs.getLong(1)).append('=').append(rs.getString(2)).append('\n');
            }
        }
        return all.toString();
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }
}

package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.LintFixture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the case files cannot say: how many findings, on which statement, with which rewrite. */
class TimeoutAndRobustnessTest {

    private static List<Finding> findings(String rule, String sql) {
        return LintFixture.lint(sql).findings().stream().filter(f -> f.ruleId().equals(rule)).toList();
    }

    @Test
    void timeoutsAreReportedOncePerChangesetOnTheFirstBlockingStatement() {
        String sql = "UPDATE users SET active = true WHERE id = 1;\n"
                + "ALTER TABLE users ADD COLUMN a text;\n"
                + "ALTER TABLE users ADD COLUMN b text;\n"
                + "-- md:changeset\n"
                + "ALTER TABLE orders ADD COLUMN c text;\n";
        List<Finding> lock = findings("require-lock-timeout", sql);
        assertThat(lock).hasSize(2);
        assertThat(lock.get(0).statement()).contains("ADD COLUMN a");
        assertThat(lock.get(0).lock().lockMode()).isEqualTo("AccessExclusiveLock");
        assertThat(lock.get(0).safeRewrite()).startsWith("-- first statement of the changeset:\nSET LOCAL lock_timeout = '1s';");
        assertThat(lock.get(1).statement()).contains("ADD COLUMN c");
        assertThat(findings("require-statement-timeout", sql)).hasSize(2);
    }

    @Test
    void robustRewriteKeepsTheStatementAndAddsTheGuard() {
        String sql = "-- md:test transactional=false\n"
                + "ALTER TABLE users ADD nickname varchar(40) NOT NULL DEFAULT '';\n"
                + "DROP INDEX CONCURRENTLY users_nickname_idx;\n";
        List<Finding> robust = findings("prefer-robust-stmts", sql);
        assertThat(robust).extracting(Finding::safeRewrite).containsExactly(
                "ALTER TABLE users ADD COLUMN IF NOT EXISTS nickname varchar(40) NOT NULL DEFAULT '';",
                "DROP INDEX CONCURRENTLY IF EXISTS users_nickname_idx;");
    }

    @Test
    void concurrentIndexRetryDropsTheInvalidLeftoverFirst() {
        List<Finding> robust = findings("prefer-robust-stmts",
                "-- md:test transactional=false\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n");
        assertThat(robust).singleElement().extracting(Finding::safeRewrite).isEqualTo(
                "DROP INDEX CONCURRENTLY IF EXISTS users_email_idx;\n"
                        + "CREATE INDEX CONCURRENTLY users_email_idx ON users (email);");
    }

    @Test
    void textFieldRewriteUsesTheRealNamesAndLength() {
        List<Finding> text = findings("prefer-text-field", "ALTER TABLE users ADD COLUMN nickname varchar(40);\n");
        assertThat(text).singleElement().extracting(Finding::safeRewrite).isEqualTo(
                "ALTER TABLE users ADD COLUMN nickname text;\n"
                        + "ALTER TABLE users ADD CONSTRAINT users_nickname_length CHECK (length(nickname) <= 40) NOT VALID;\n"
                        + "ALTER TABLE users VALIDATE CONSTRAINT users_nickname_length;  -- in a later transaction");
    }
}

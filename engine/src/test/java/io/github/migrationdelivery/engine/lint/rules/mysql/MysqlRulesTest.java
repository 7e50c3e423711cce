package io.github.migrationdelivery.engine.lint.rules.mysql;

import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.LintFixture;
import io.github.migrationdelivery.engine.lint.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The key MySQL/MariaDB scenarios, with the exact findings and safe rewrites the case files cannot express. */
class MysqlRulesTest {

    private static final String MARIADB = "-- md:test dialect=mariadb server-version=10.11\n";
    private static final String MYSQL = "-- md:test dialect=mysql server-version=8.0.35\n";
    private static final String TIMEOUT = "SET SESSION lock_wait_timeout = 5;\n";

    private static List<Finding> lint(String sql) {
        return LintFixture.lint(sql).findings().stream().filter(f -> f.ruleId().startsWith("mysql-")).toList();
    }

    private static Finding only(List<Finding> findings, String rule) {
        List<Finding> of = findings.stream().filter(f -> f.ruleId().equals(rule)).toList();
        assertThat(of).as("findings of %s", rule).hasSize(1);
        return of.get(0);
    }

    @Test
    void modifyOnMariadbIsACopyThatBlocksWrites() {
        Finding f = only(lint(MARIADB + "ALTER TABLE orders MODIFY COLUMN amount bigint;\n"), "mysql-copy-algorithm");
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.lock().algorithm()).isEqualTo("COPY");
        assertThat(f.lock().blocksWrites()).isTrue();
        assertThat(f.rewritesTable()).isTrue();
        assertThat(f.safeRewrite()).contains("pt-online-schema-change --alter \"MODIFY COLUMN amount bigint\" D=<database>,t=orders");
    }

    @Test
    void explicitInstantAddIsClean() {
        assertThat(lint(MARIADB + TIMEOUT + "ALTER TABLE orders ADD COLUMN note varchar(100), ALGORITHM=INSTANT, LOCK=NONE;\n"))
                .isEmpty();
        assertThat(lint(MYSQL + TIMEOUT + "ALTER TABLE orders ADD COLUMN note varchar(100), ALGORITHM=INSTANT, LOCK=NONE;\n"))
                .extracting(Finding::severity).containsOnly(Severity.INFO); // mysql-instant-row-versions advice only
    }

    @Test
    void addColumnWithoutClausesWarnsTwice() {
        List<Finding> findings = lint(MARIADB + "ALTER TABLE orders ADD COLUMN note varchar(100);\n");
        assertThat(findings).extracting(Finding::ruleId)
                .containsExactlyInAnyOrder("mysql-require-algorithm-lock", "mysql-require-lock-wait-timeout");
        assertThat(findings).extracting(Finding::severity).containsOnly(Severity.WARNING);
        assertThat(only(findings, "mysql-require-algorithm-lock").safeRewrite())
                .isEqualTo("ALTER TABLE orders ADD COLUMN note varchar(100), ALGORITHM=INSTANT, LOCK=NONE;");
        assertThat(only(findings, "mysql-require-lock-wait-timeout").safeRewrite())
                .isEqualTo("SET SESSION lock_wait_timeout = 5;\nALTER TABLE orders ADD COLUMN note varchar(100);");
    }

    @Test
    void mysqlGetsNoLockClauseWithInstant() {
        Finding f = only(lint(MYSQL + TIMEOUT + "ALTER TABLE orders ADD COLUMN note varchar(100);\n"), "mysql-require-algorithm-lock");
        assertThat(f.safeRewrite()).isEqualTo("ALTER TABLE orders ADD COLUMN note varchar(100), ALGORITHM=INSTANT;");
    }

    @Test
    void lockSharedIsReportedOnceWithLockNone() {
        List<Finding> findings = lint(MARIADB + TIMEOUT + "ALTER TABLE orders ADD INDEX idx_c (customer_id), LOCK=SHARED;\n");
        Finding f = only(findings, "mysql-lock-option");
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.safeRewrite()).isEqualTo("ALTER TABLE orders ADD INDEX idx_c (customer_id), LOCK=NONE;");
        assertThat(findings).extracting(Finding::ruleId).doesNotContain("mysql-require-algorithm-lock");
    }

    @Test
    void sameStatementsOnATableCreatedInThePlanAreClean() {
        String plan = MARIADB + "CREATE TABLE orders (id bigint PRIMARY KEY, amount int, customer_id bigint) ENGINE=InnoDB;\n"
                + "ALTER TABLE orders MODIFY COLUMN amount bigint;\n"
                + "ALTER TABLE orders ADD COLUMN note varchar(100);\n"
                + "ALTER TABLE orders ADD INDEX idx_c (customer_id), LOCK=SHARED;\n";
        assertThat(lint(plan)).isEmpty();
    }

    @Test
    void lockWaitTimeoutIsReportedOncePerChangeset() {
        List<Finding> findings = lint(MARIADB + "ALTER TABLE orders ADD COLUMN a int, ALGORITHM=INSTANT, LOCK=NONE;\n"
                + "ALTER TABLE orders ADD COLUMN b int, ALGORITHM=INSTANT, LOCK=NONE;\n"
                + "-- md:changeset\n"
                + "ALTER TABLE customers ADD COLUMN c int, ALGORITHM=INSTANT, LOCK=NONE;\n");
        assertThat(findings.stream().filter(f -> f.ruleId().equals("mysql-require-lock-wait-timeout"))).hasSize(2);
    }

    @Test
    void varcharCrossingTheLengthPrefixSuggestsStayingBelowIt() {
        Finding f = only(lint(MYSQL + TIMEOUT + "ALTER TABLE orders ADD COLUMN name varchar(50), ALGORITHM=INSTANT;\n"
                + "ALTER TABLE orders MODIFY COLUMN name varchar(100);\n"), "mysql-varchar-length-prefix");
        assertThat(f.message()).contains("200 bytes").contains("400 bytes");
        assertThat(f.safeRewrite()).contains("ALTER TABLE orders MODIFY COLUMN name varchar(63), ALGORITHM=INPLACE, LOCK=NONE;");
    }

    @Test
    void enumRewriteSuggestsTheAppend() {
        Finding f = only(lint(MARIADB + TIMEOUT + "ALTER TABLE orders ADD COLUMN status enum('new','paid'), ALGORITHM=INSTANT, LOCK=NONE;\n"
                + "ALTER TABLE orders MODIFY COLUMN status enum('new','pending','paid');\n"), "mysql-enum-change");
        assertThat(f.safeRewrite()).contains("MODIFY COLUMN status enum('new', 'paid', 'pending'), ALGORITHM=INSTANT, LOCK=NONE;");
    }

    @Test
    void foreignKeyFixChecksOrphansThenAddsWithoutRowCheck() {
        Finding f = only(lint(MARIADB + TIMEOUT
                + "ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id);\n"),
                "mysql-adding-foreign-key");
        assertThat(f.safeRewrite())
                .contains("SELECT COUNT(*) FROM orders c LEFT JOIN customers p ON p.id = c.customer_id WHERE c.customer_id IS NOT NULL AND p.id IS NULL;")
                .contains("SET SESSION foreign_key_checks = 0;")
                .contains("ALGORITHM=INPLACE, LOCK=NONE;");
    }

    @Test
    void changeRenameGivesExpandContract() {
        Finding f = only(lint(MARIADB + TIMEOUT + "ALTER TABLE orders CHANGE COLUMN `amount` `total_amount` decimal(12,2) NOT NULL;\n"),
                "mysql-change-column-rename");
        assertThat(f.safeRewrite()).startsWith("ALTER TABLE orders ADD COLUMN total_amount decimal(12,2) NULL, ALGORITHM=INSTANT, LOCK=NONE;")
                .contains("UPDATE orders SET total_amount = amount WHERE total_amount IS NULL LIMIT 5000;");
    }

    @Test
    void aUniqueKeyOnAnExistingTableComesWithTheDuplicateCheckQuery() {
        Finding f = only(lint(MARIADB + TIMEOUT
                + "ALTER TABLE articles ADD UNIQUE KEY articles_slug_uq (shop_id, slug(40)), ALGORITHM=INPLACE, LOCK=NONE;\n"),
                "mysql-adding-unique-index");
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.message()).contains("error 1062", "INSERT IGNORE");
        assertThat(f.safeRewrite()).contains("SELECT shop_id, LEFT(slug, 40), COUNT(*) FROM articles"
                + " WHERE shop_id IS NOT NULL AND LEFT(slug, 40) IS NOT NULL GROUP BY shop_id, LEFT(slug, 40) HAVING COUNT(*) > 1;");
    }

    @Test
    void redundantIndexesAreFoundAcrossChangesetsAndInlineKeys() {
        String table = "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, created_at datetime,"
                + " KEY orders_customer (customer_id));\n-- md:changeset\n";
        Finding f = only(lint(MARIADB + table
                + "ALTER TABLE orders ADD INDEX orders_customer_created (customer_id, created_at);\n"), "mysql-redundant-index");
        assertThat(f.safeRewrite()).isEqualTo("-- index orders_customer (customer_id) is redundant once this index exists;"
                + " drop it (in place, no table copy):\nALTER TABLE orders DROP INDEX orders_customer, ALGORITHM=INPLACE, LOCK=NONE;");
        assertThat(lint(MARIADB + table + "ALTER TABLE orders ADD INDEX orders_created (created_at);\n"))
                .extracting(Finding::ruleId).doesNotContain("mysql-redundant-index");
        assertThat(lint(MARIADB + table + "DROP INDEX orders_customer ON orders;\n-- md:changeset\n"
                + "ALTER TABLE orders ADD INDEX orders_customer_created (customer_id, created_at);\n"))
                .extracting(Finding::ruleId).doesNotContain("mysql-redundant-index");
    }

    @Test
    void aTextColumnWithoutPrefixFailsOnMysqlAndIsSilentlyCutOnMariadb() {
        String sql = "CREATE TABLE articles (id bigint PRIMARY KEY, body text NOT NULL, UNIQUE KEY articles_body_uq (body));\n";
        Finding mysql = only(lint(MYSQL + sql), "mysql-invalid-index");
        assertThat(mysql.severity()).isEqualTo(Severity.ERROR);
        assertThat(mysql.message()).contains("error 1170");
        Finding mariadb = only(lint(MARIADB + sql), "mysql-invalid-index");
        assertThat(mariadb.severity()).isEqualTo(Severity.WARNING);
        assertThat(mariadb.message()).contains("USING HASH");
        assertThat(mariadb.safeRewrite()).contains("ADD COLUMN body_sha2 BINARY(32) AS (UNHEX(SHA2(body, 256))) STORED");
    }

    @Test
    void ddlOnALargeTableGoesThroughAnOnlineCopyAndSaysTheSize() {
        String sizes = "-- md:test dialect=mysql server-version=8.0.35 table-rows=shop.orders:12000000,countries:250\n";
        Finding f = only(lint(sizes + TIMEOUT + "ALTER TABLE shop.orders ADD INDEX orders_created (created_at), ALGORITHM=INPLACE, LOCK=NONE;\n"),
                "mysql-large-table-ddl");
        assertThat(f.message()).startsWith("shop.orders (≈12 M rows) is at or above lint.largeTableRows (1,000,000):"
                + " this change runs ALGORITHM=INPLACE");
        assertThat(f.safeRewrite()).contains("gh-ost --host=<primary-host> --database=shop --table=orders --alter=\"ADD INDEX orders_created (created_at)\"",
                "pt-online-schema-change --alter \"ADD INDEX orders_created (created_at)\" D=shop,t=orders");
        assertThat(lint(sizes + TIMEOUT + "ALTER TABLE countries DROP COLUMN legacy, ALGORITHM=INPLACE, LOCK=NONE;\n"))
                .extracting(Finding::ruleId).doesNotContain("mysql-large-table-ddl");
        assertThat(lint(sizes + TIMEOUT + "ALTER TABLE shop.orders RENAME INDEX a TO b, ALGORITHM=INPLACE, LOCK=NONE;\n"))
                .extracting(Finding::ruleId).doesNotContain("mysql-large-table-ddl");
        assertThat(lint(sizes + TIMEOUT + "ALTER TABLE shop.orders DROP COLUMN legacy, ALGORITHM=INSTANT;\n"))
                .as("instant on 8.0.29+").extracting(Finding::ruleId).doesNotContain("mysql-large-table-ddl");
    }

    @Test
    void theSixtyFifthIndexOfATableIsRefused() {
        StringBuilder sql = new StringBuilder(MARIADB + "CREATE TABLE wide (id bigint PRIMARY KEY");
        for (int i = 0; i < 64; i++) {
            sql.append(", c").append(i).append(" int");
        }
        sql.append(");\n");
        for (int i = 0; i < 63; i++) {
            sql.append("CREATE INDEX wide_c").append(i).append(" ON wide (c").append(i).append(");\n");
        }
        assertThat(lint(sql.toString())).as("the primary key and 63 indexes are 64").extracting(Finding::ruleId)
                .doesNotContain("mysql-invalid-index");
        Finding f = only(lint(sql + "ALTER TABLE wide ADD INDEX wide_c63 (c63);\n"), "mysql-invalid-index");
        assertThat(f.message()).contains("brings wide to 65 indexes", "error 1069");
        assertThat(f.statement()).isEqualTo("ALTER TABLE wide ADD INDEX wide_c63 (c63)");
    }
}

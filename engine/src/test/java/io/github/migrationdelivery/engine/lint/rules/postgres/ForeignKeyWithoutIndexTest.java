package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.LintFixture;
import io.github.migrationdelivery.engine.lint.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** foreign-key-without-index: what it says, and indexes the plan creates after the foreign key. */
class ForeignKeyWithoutIndexTest {

    private static final String RULE = "foreign-key-without-index";

    @TempDir
    Path tmp;

    private static List<Finding> of(String text) {
        return LintFixture.lint(text).findings().stream().filter(f -> f.ruleId().equals(RULE)).toList();
    }

    @Test
    void onAnExistingTableItSaysItsIndexesAreUnknownAndBuildsConcurrently() {
        List<Finding> findings = of("ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey"
                + " FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;\n");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("every DELETE on customers", "scans orders",
                    "existed before the plan and the linter does not know the indexes");
            assertThat(f.safeRewrite()).contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx"
                    + " ON orders (customer_id);", "runInTransaction=\"false\"");
        });
    }

    @Test
    void onANewTableItAsksForAPlainIndexAndDoesNotHedge() {
        List<Finding> findings = of("CREATE TABLE order_lines (id bigint PRIMARY KEY,"
                + " order_id bigint REFERENCES orders (id), sku text, CONSTRAINT l_fk FOREIGN KEY (sku, order_id) REFERENCES skus);\n");
        assertThat(findings).hasSize(2);
        assertThat(findings.get(0).message()).doesNotContain("existed before the plan");
        assertThat(findings.get(0).safeRewrite()).endsWith("CREATE INDEX order_lines_order_id_idx ON order_lines (order_id);");
        assertThat(findings.get(1).safeRewrite()).endsWith("CREATE INDEX order_lines_sku_order_id_idx ON order_lines (sku, order_id);");
    }

    @Test
    void anIndexWhoseLeadingColumnsAreTheKeyInAnyOrderCounts() {
        String create = "CREATE TABLE l (a bigint, b bigint, c bigint, FOREIGN KEY (a, b) REFERENCES p (x, y));\n";
        assertThat(of(create + "CREATE INDEX l_bac ON l (b, a, c);\n")).isEmpty();
        assertThat(of(create + "CREATE INDEX l_acb ON l (a, c, b);\n")).hasSize(1);
        assertThat(of(create + "ALTER TABLE l ADD CONSTRAINT l_ab UNIQUE (a, b);\n")).isEmpty();
        assertThat(of(create + "ALTER TABLE l ADD CONSTRAINT l_ab UNIQUE (a, b);\nALTER TABLE l DROP CONSTRAINT l_ab;\n"))
                .hasSize(1);
    }

    @Test
    void anIndexCreatedThousandsOfStatementsLaterStillSettlesIt() {
        // The linter works in slices of 4096 statements; the index comes in a later slice than the key.
        StringBuilder text = new StringBuilder("CREATE TABLE order_lines (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id));\n");
        for (int i = 0; i < 5000; i++) {
            text.append("-- md:changeset\nCOMMENT ON TABLE order_lines IS 'v").append(i).append("';\n");
        }
        String withoutIndex = text.toString();
        text.append("-- md:changeset\nCREATE INDEX order_lines_order_id_idx ON order_lines (order_id);\n");
        assertThat(of(withoutIndex)).hasSize(1);
        assertThat(of(text.toString())).isEmpty();
    }

    @Test
    void liquibaseAddForeignKeyConstraintWithTheIndexInALaterChangeSet() throws IOException {
        String addKey = """
                  <changeSet id="1" author="ann">
                    <addForeignKeyConstraint baseTableName="orders" baseColumnNames="customer_id"
                        constraintName="orders_customer_id_fkey" referencedTableName="customers" referencedColumnNames="id"/>
                  </changeSet>
                """;
        String addIndex = """
                  <changeSet id="2" author="ann" runInTransaction="false">
                    <createIndex tableName="orders" indexName="orders_customer_id_idx">
                      <column name="customer_id"/>
                    </createIndex>
                  </changeSet>
                """;
        assertThat(lintChangelog(addKey)).extracting(Finding::ruleId).contains(RULE);
        assertThat(lintChangelog(addKey + addIndex)).extracting(Finding::ruleId).doesNotContain(RULE);
    }

    private List<Finding> lintChangelog(String changeSets) throws IOException {
        return LintFixture.lint(LintFixture.liquibase(tmp, changeSets)).findings();
    }
}

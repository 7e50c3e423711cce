package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.LintFixture;
import io.github.migrationdelivery.engine.lint.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The key scenarios, down to the exact safe-rewrite SQL the case files cannot express. */
class PostgresLockScenariosTest {

    private static final String ADD_STATUS = "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'pending';\n";

    private static List<Finding> lint(String text) {
        return LintFixture.lint(text).findings();
    }

    private static List<Finding> of(String rule, String text) {
        return lint(text).stream().filter(f -> f.ruleId().equals(rule)).toList();
    }

    private static List<String> ids(String text) {
        return lint(text).stream().map(Finding::ruleId).toList();
    }

    // Scenario 1: ADD COLUMN ... NOT NULL DEFAULT constant

    @Test
    void constantDefaultIsCatalogOnlyFromPg11() {
        for (String version : List.of("15", "11")) {
            assertThat(ids("-- md:test server-version=" + version + "\n" + ADD_STATUS))
                    .as("on %s", version)
                    .doesNotContain("adding-field-with-default", "adding-required-field");
        }
    }

    @Test
    void constantDefaultRewritesBeforePg11() {
        List<Finding> found = of("adding-field-with-default", "-- md:test server-version=10\n" + ADD_STATUS);
        assertThat(found).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.rewritesTable()).isTrue();
        assertThat(f.lock().lockMode()).isEqualTo("AccessExclusiveLock");
        assertThat(f.lock().blocksReads()).isTrue();
        assertThat(f.lock().blocksWrites()).isTrue();
        assertThat(f.message()).contains("rewrites", "orders");
        assertThat(f.safeRewrite())
                .contains("ALTER TABLE orders ADD COLUMN status text;")
                .contains("ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'pending';")
                .contains("UPDATE orders SET status = 'pending' WHERE id BETWEEN :lo AND :hi AND status IS NULL;");
    }

    @Test
    void volatileDefaultRewritesOnEveryVersion() {
        List<Finding> found = of("adding-field-with-default",
                "ALTER TABLE orders ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();\n");
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.rewritesTable()).isTrue();
            assertThat(f.message()).contains("gen_random_uuid()", "volatile");
            assertThat(f.safeRewrite())
                    .contains("ALTER TABLE orders ADD COLUMN token uuid;")
                    .contains("ALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid();")
                    .contains("WHERE id BETWEEN :lo AND :hi AND token IS NULL;")
                    .contains("ALTER TABLE orders ADD CONSTRAINT orders_token_not_null CHECK (token IS NOT NULL) NOT VALID;");
        });
    }

    @Test
    void unknownFunctionDefaultIsAWarning() {
        assertThat(of("adding-field-with-default", "ALTER TABLE orders ADD COLUMN code text DEFAULT make_code();\n"))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.message()).contains("cannot tell whether make_code() is volatile".substring(1));
                });
    }

    // Scenario 2: CREATE INDEX

    @Test
    void createIndexOnExistingTableNeedsConcurrently() {
        assertThat(of("require-concurrent-index-creation", "CREATE INDEX idx_orders_customer ON orders (customer_id);\n"))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.lock().lockMode()).isEqualTo("ShareLock");
                    assertThat(f.lock().blocksWrites()).isTrue();
                    assertThat(f.lock().blocksReads()).isFalse();
                    assertThat(f.safeRewrite())
                            .contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_customer ON orders (customer_id);")
                            .contains("runInTransaction=\"false\"")
                            .contains("INVALID")
                            .contains("DROP INDEX CONCURRENTLY IF EXISTS idx_orders_customer;");
                });
    }

    @Test
    void createIndexOnTableCreatedInThePlanIsFine() {
        String create = "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);\n";
        String index = "CREATE INDEX idx_orders_customer ON orders (customer_id);\n";
        assertThat(ids(create + index)).doesNotContain("require-concurrent-index-creation");
        assertThat(ids(create + "-- md:changeset\n" + index)).doesNotContain("require-concurrent-index-creation");
    }

    @Test
    void concurrentlyInsideATransactionFails() {
        String cic = "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_customer ON orders (customer_id);\n";
        assertThat(of("ban-concurrent-index-creation-in-transaction", cic)).singleElement()
                .satisfies(f -> assertThat(f.safeRewrite()).contains("runInTransaction=\"false\"").contains(cic.strip()));
        assertThat(ids("-- md:test transactional=false\n-- md:no-transaction\n" + cic))
                .doesNotContain("ban-concurrent-index-creation-in-transaction", "require-concurrent-index-creation");
    }

    // Scenario 3: a new column on a large table, made NOT NULL

    @Test
    void nullableColumnIsClean() {
        assertThat(ids("ALTER TABLE customers ADD COLUMN customer_status text;\n"))
                .doesNotContain("adding-field-with-default", "adding-required-field", "adding-not-nullable-field",
                        "lock-held-across-statements");
    }

    @Test
    void setNotNullGetsTheFourSteps() {
        String text = "ALTER TABLE customers ADD COLUMN customer_status text;\n"
                + "UPDATE customers SET customer_status = 'active';\n"
                + "ALTER TABLE customers ALTER COLUMN customer_status SET NOT NULL;\n";
        assertThat(of("adding-not-nullable-field", text)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.lock().lockMode()).isEqualTo("AccessExclusiveLock");
            assertThat(f.safeRewrite()).containsSubsequence(
                    "ALTER TABLE customers ADD CONSTRAINT customers_customer_status_not_null CHECK (customer_status IS NOT NULL) NOT VALID;",
                    "ALTER TABLE customers VALIDATE CONSTRAINT customers_customer_status_not_null;",
                    "ALTER TABLE customers ALTER COLUMN customer_status SET NOT NULL;",
                    "ALTER TABLE customers DROP CONSTRAINT customers_customer_status_not_null;");
        });
        // The backfill runs while ADD COLUMN's AccessExclusiveLock is still held.
        assertThat(ids(text)).contains("lock-held-across-statements");
    }

    @Test
    void theFourStepsThemselvesAreClean() {
        String steps = "ALTER TABLE customers ADD CONSTRAINT customers_customer_status_not_null CHECK (customer_status IS NOT NULL) NOT VALID;\n"
                + "-- md:changeset\n"
                + "ALTER TABLE customers VALIDATE CONSTRAINT customers_customer_status_not_null;\n"
                + "-- md:changeset\n"
                + "ALTER TABLE customers ALTER COLUMN customer_status SET NOT NULL;\n"
                + "ALTER TABLE customers DROP CONSTRAINT customers_customer_status_not_null;\n";
        assertThat(ids(steps)).doesNotContain("adding-not-nullable-field", "constraint-missing-not-valid",
                "validate-constraint-in-same-transaction");
        // Before 12 SET NOT NULL cannot use the check.
        assertThat(ids("-- md:test server-version=11\n" + steps)).contains("adding-not-nullable-field");
    }

    // Other fixes with concrete SQL

    @Test
    void typeChangeGetsExpandContractWithRealNames() {
        assertThat(of("changing-column-type", "ALTER TABLE orders ALTER COLUMN id TYPE bigint;\n")).singleElement()
                .satisfies(f -> {
                    assertThat(f.rewritesTable()).isTrue();
                    assertThat(f.safeRewrite()).containsSubsequence(
                            "ALTER TABLE orders ADD COLUMN id_new bigint;",
                            "CREATE FUNCTION orders_id_new_sync() RETURNS trigger",
                            "NEW.id_new := NEW.id::bigint;",
                            "CREATE TRIGGER orders_id_new_sync BEFORE INSERT OR UPDATE ON orders",
                            "UPDATE orders SET id_new = id::bigint WHERE id BETWEEN :lo AND :hi AND id_new IS NULL;",
                            "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_id_new_key ON orders (id_new);",
                            "ALTER TABLE orders RENAME COLUMN id TO id_old;",
                            "ALTER TABLE orders RENAME COLUMN id_new TO id;");
                });
    }

    @Test
    void uniqueConstraintGetsIndexFirst() {
        assertThat(of("disallowed-unique-constraint", "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);\n"))
                .singleElement().satisfies(f -> assertThat(f.safeRewrite()).containsSubsequence(
                        "SELECT email, count(*) FROM users GROUP BY email HAVING count(*) > 1",
                        "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_key ON users (email);",
                        "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;"));
    }

    @Test
    void foreignKeyGetsNotValidThenValidate() {
        assertThat(of("adding-foreign-key-constraint",
                "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);\n"))
                .singleElement().satisfies(f -> {
                    assertThat(f.lock().lockMode()).isEqualTo("ShareRowExclusiveLock");
                    assertThat(f.safeRewrite()).containsSubsequence(
                            "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;",
                            "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;");
                });
        assertThat(of("adding-foreign-key-constraint", "ALTER TABLE orders ADD COLUMN shop_id bigint REFERENCES shops (id);\n"))
                .singleElement().satisfies(f -> assertThat(f.safeRewrite()).containsSubsequence(
                        "ALTER TABLE orders ADD COLUMN shop_id bigint;",
                        "ALTER TABLE orders ADD CONSTRAINT orders_shop_id_fkey FOREIGN KEY (shop_id) REFERENCES shops (id) NOT VALID;"));
    }
}

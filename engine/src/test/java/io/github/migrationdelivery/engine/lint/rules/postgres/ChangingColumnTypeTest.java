package io.github.migrationdelivery.engine.lint.rules.postgres;

import io.github.migrationdelivery.engine.lint.Finding;
import io.github.migrationdelivery.engine.lint.LintFixture;
import io.github.migrationdelivery.engine.sql.TypeRef;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChangingColumnTypeTest {

    private static TypeRef type(String name, String... args) {
        return new TypeRef(name, List.of(args), false, name);
    }

    @Test
    void binaryCoercibleChanges() {
        assertThat(ChangingColumnType.binaryCoercible(type("varchar", "20"), type("varchar", "50"))).isTrue();
        assertThat(ChangingColumnType.binaryCoercible(type("varchar", "20"), type("varchar"))).isTrue();
        assertThat(ChangingColumnType.binaryCoercible(type("varchar", "20"), type("text"))).isTrue();
        assertThat(ChangingColumnType.binaryCoercible(type("text"), type("varchar"))).isTrue();
        assertThat(ChangingColumnType.binaryCoercible(type("numeric", "10", "2"), type("numeric", "14", "2"))).isTrue();
        assertThat(ChangingColumnType.binaryCoercible(type("cidr"), type("inet"))).isTrue();
        assertThat(ChangingColumnType.binaryCoercible(type("timestamp", "0"), type("timestamp", "3"))).isTrue();
        assertThat(ChangingColumnType.binaryCoercible(type("timestamptz", "3"), type("timestamptz"))).isTrue();
    }

    @Test
    void rewritingChanges() {
        assertThat(ChangingColumnType.binaryCoercible(type("varchar", "50"), type("varchar", "20"))).isFalse();
        assertThat(ChangingColumnType.binaryCoercible(type("text"), type("varchar", "20"))).isFalse();
        assertThat(ChangingColumnType.binaryCoercible(type("numeric", "10", "2"), type("numeric", "14", "4"))).isFalse();
        assertThat(ChangingColumnType.binaryCoercible(type("integer"), type("bigint"))).isFalse();
        assertThat(ChangingColumnType.binaryCoercible(type("timestamp"), type("timestamp", "3"))).isFalse();
        assertThat(ChangingColumnType.binaryCoercible(type("timestamp"), type("timestamptz"))).isFalse();
    }

    private static Finding only(String sql) {
        List<Finding> found = LintFixture.lint(sql).findings().stream()
                .filter(f -> f.ruleId().equals("changing-column-type")).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void binaryCoercibleChangeOnACheckedColumnDropsAndReAddsTheChecksNotValid() {
        Finding f = only("""
                ALTER TABLE orders ADD COLUMN note varchar(50);
                ALTER TABLE orders ADD CONSTRAINT note_not_blank CHECK (length(note) > 0) NOT VALID,
                  ADD CHECK (note <> 'x') NOT VALID;
                -- md:changeset
                ALTER TABLE orders ALTER COLUMN note TYPE varchar(100);
                """);
        assertThat(f.message()).contains("note_not_blank, orders_note_check").contains("checks every row of orders");
        assertThat(f.rewritesTable()).isFalse();
        assertThat(f.safeRewrite()).contains("""
                ALTER TABLE orders DROP CONSTRAINT note_not_blank, DROP CONSTRAINT orders_note_check;
                ALTER TABLE orders ALTER COLUMN note TYPE varchar(100);
                ALTER TABLE orders ADD CONSTRAINT note_not_blank CHECK (length(note) > 0) NOT VALID;
                ALTER TABLE orders ADD CONSTRAINT orders_note_check CHECK (note <> 'x') NOT VALID;
                """).endsWith("""
                ALTER TABLE orders VALIDATE CONSTRAINT note_not_blank;
                ALTER TABLE orders VALIDATE CONSTRAINT orders_note_check;""");
    }

    @Test
    void rewritingChangeOnACheckedColumnNamesTheChecksAndReAddsThemAfterTheSwap() {
        Finding f = only("""
                CREATE TABLE IF NOT EXISTS audit (id int);
                -- md:changeset
                ALTER TABLE orders ADD COLUMN qty int, ADD CONSTRAINT qty_positive CHECK (qty > 0) NOT VALID;
                -- md:changeset
                ALTER TABLE orders ALTER COLUMN qty TYPE bigint;
                """);
        assertThat(f.message()).contains("The CHECK constraint(s) qty_positive on qty are re-checked");
        assertThat(f.safeRewrite()).contains("DROP COLUMN qty_old;")
                .contains("ALTER TABLE orders ADD CONSTRAINT qty_positive CHECK (qty > 0) NOT VALID;")
                .endsWith("ALTER TABLE orders VALIDATE CONSTRAINT qty_positive;");
    }

    @Test
    void columnLevelChecksAreNamedAsPostgresNamesThemAndReAddedNotValid() {
        Finding f = only("""
                ALTER TABLE orders ADD COLUMN price numeric(10, 2) CHECK (price > 0),
                  ADD COLUMN qty int CONSTRAINT qty_positive CHECK (qty > 0);
                -- md:changeset
                ALTER TABLE orders ALTER COLUMN price TYPE numeric(14, 2);
                """);
        assertThat(f.message()).contains("re-adds the CHECK constraint(s) orders_price_check on price")
                .doesNotContain("qty_positive");
        assertThat(f.safeRewrite()).contains("""
                ALTER TABLE orders DROP CONSTRAINT orders_price_check;
                ALTER TABLE orders ALTER COLUMN price TYPE numeric(14, 2);
                ALTER TABLE orders ADD CONSTRAINT orders_price_check CHECK (price > 0) NOT VALID;
                """).endsWith("ALTER TABLE orders VALIDATE CONSTRAINT orders_price_check;");
    }

    @Test
    void namedColumnLevelCheckIsNamedAndForgottenOnceDropped() {
        Finding f = only("""
                ALTER TABLE orders ADD COLUMN qty int CONSTRAINT qty_positive CHECK (qty > 0);
                -- md:changeset
                ALTER TABLE orders ALTER COLUMN qty TYPE bigint;
                """);
        assertThat(f.message()).contains("The CHECK constraint(s) qty_positive on qty are re-checked");
        assertThat(f.safeRewrite()).contains("ALTER TABLE orders ADD CONSTRAINT qty_positive CHECK (qty > 0) NOT VALID;");
        Finding dropped = only("""
                ALTER TABLE orders ADD COLUMN qty int CONSTRAINT qty_positive CHECK (qty > 0);
                ALTER TABLE orders DROP CONSTRAINT qty_positive;
                -- md:changeset
                ALTER TABLE orders ALTER COLUMN qty TYPE bigint;
                """);
        assertThat(dropped.message()).doesNotContain("CHECK constraint");
    }
}
